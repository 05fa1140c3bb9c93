namespace Hearth.Statistics.Mixed;

/// <summary>In-place sums of scaled vectors and outer products over flat arrays (column-major matrices).</summary>
internal static class Accumulate
{
    /// <summary>sum += scale · a (nothing to do for a zero scale, common in the models' sparse weights).</summary>
    public static void Scaled(double[] sum, double scale, ReadOnlySpan<double> a)
    {
        if (scale == 0)
        {
            return;
        }
        for (var i = 0; i < a.Length; i++)
        {
            sum[i] += scale * a[i];
        }
    }

    /// <summary>sum += scale · a bᵀ.</summary>
    public static void Outer(double[] sum, double scale, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var d = a.Length;
        for (var j = 0; j < d; j++)
        {
            var sb = scale * b[j];
            for (var i = 0; i < d; i++)
            {
                sum[j * d + i] += a[i] * sb;
            }
        }
    }
}
