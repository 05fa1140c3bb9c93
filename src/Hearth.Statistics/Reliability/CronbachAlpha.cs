using Hearth.Statistics.Distributions;

namespace Hearth.Statistics.Reliability;

public sealed record ItemStatistics(string Item, double ItemTotalCorrelation, double AlphaIfDeleted);

public sealed record AlphaResult(int N, int K, double Alpha, double CiLower, double CiUpper, IReadOnlyList<ItemStatistics> Items);

/// <summary>
/// Internal consistency of a scale from complete item-level data (respondents × items).
/// α = k/(k − 1) · (1 − Σ s²_i / s²_total) (Cronbach 1951); 95% CI by Feldt (1965):
/// 1 − (1 − α) · F_{q}(n − 1, (n − 1)(k − 1)) with q = .975 for the lower bound and .025 for the upper.
/// Item-total correlations are corrected: each item against the sum of the other items.
/// </summary>
public static class CronbachAlpha
{
    public static AlphaResult Compute(IReadOnlyList<string> items, double[,] data)
    {
        var n = data.GetLength(0);
        var k = data.GetLength(1);
        if (k < 2 || n < 2)
        {
            throw new ArgumentException($"Cronbach's α needs at least 2 items and 2 respondents (got {k} items, {n} respondents)");
        }
        var alpha = Alpha(data, Enumerable.Range(0, k).ToArray());
        var df1 = n - 1.0;
        var df2 = (n - 1.0) * (k - 1);
        var lower = 1 - (1 - alpha) * Tails.FQuantile(0.975, df1, df2);
        var upper = 1 - (1 - alpha) * Tails.FQuantile(0.025, df1, df2);

        var stats = new List<ItemStatistics>(k);
        for (var j = 0; j < k; j++)
        {
            var others = Enumerable.Range(0, k).Where(c => c != j).ToArray();
            var item = new double[n];
            var rest = new double[n];
            for (var i = 0; i < n; i++)
            {
                item[i] = data[i, j];
                foreach (var c in others)
                {
                    rest[i] += data[i, c];
                }
            }
            stats.Add(new ItemStatistics(items[j], MathNet.Numerics.Statistics.Correlation.Pearson(item, rest), k > 2 ? Alpha(data, others) : double.NaN));
        }
        return new AlphaResult(n, k, alpha, lower, upper, stats);
    }

    private static double Alpha(double[,] data, int[] columns)
    {
        var n = data.GetLength(0);
        var k = columns.Length;
        var totals = new double[n];
        var itemVariances = 0.0;
        foreach (var c in columns)
        {
            var column = new double[n];
            for (var i = 0; i < n; i++)
            {
                column[i] = data[i, c];
                totals[i] += data[i, c];
            }
            itemVariances += MathNet.Numerics.Statistics.Statistics.Variance(column);
        }
        return k / (k - 1.0) * (1 - itemVariances / MathNet.Numerics.Statistics.Statistics.Variance(totals));
    }
}
