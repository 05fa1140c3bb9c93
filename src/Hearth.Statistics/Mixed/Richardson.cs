namespace Hearth.Statistics.Mixed;

/// <summary>
/// Richardson extrapolation of a central difference (as numDeriv does, which lmerTest uses for the
/// deviance Hessian): the step halved four times and the O(h²), O(h⁴), … errors eliminated, so a second
/// derivative taken from an exact first derivative is good to about ten digits.
/// </summary>
internal static class Richardson
{
    public static double Extrapolate(Func<double, double> difference, double step) =>
        Extrapolate(h => [difference(h)], step)[0];

    /// <summary>The same for a vector of differences taken together (one column of a Hessian).</summary>
    public static double[] Extrapolate(Func<double, double[]> difference, double step)
    {
        const int levels = 4;
        var table = new double[levels][];
        for (var i = 0; i < levels; i++)
        {
            table[i] = difference(step / Math.Pow(2, i));
        }
        for (var k = 1; k < levels; k++)
        {
            var factor = Math.Pow(4, k);
            for (var i = levels - 1; i >= k; i--)
            {
                for (var j = 0; j < table[i].Length; j++)
                {
                    table[i][j] = (factor * table[i][j] - table[i - 1][j]) / (factor - 1);
                }
            }
        }
        return table[levels - 1];
    }
}
