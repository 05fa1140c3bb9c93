using Hearth.Statistics.Distributions;

namespace Hearth.Statistics.Anova;

/// <summary>One cell of the design (every factor at one level): n, mean, SD (n − 1) and the t-based 95% CI of the mean.</summary>
public sealed record CellSummary(IReadOnlyList<string> Levels, int N, double Mean, double Sd, double CiLower, double CiUpper);

public static class CellDescriptives
{
    /// <summary>
    /// Rows in design order: between cells with the first between factor slowest, then within cells
    /// with the first within factor slowest. Levels are listed between factors first, then within.
    /// </summary>
    public static IReadOnlyList<CellSummary> Compute(RepeatedMeasuresData data, GroupMoments moments)
    {
        var w = data.WithinCells;
        var rows = new List<CellSummary>(data.BetweenCells * w);
        for (var g = 0; g < data.BetweenCells; g++)
        {
            var n = moments.Counts[g];
            var betweenLevels = RepeatedMeasuresData.LevelsOf(g, data.Between);
            var t = n > 1 ? Tails.TQuantile(0.975, n - 1) : double.NaN;
            for (var k = 0; k < w; k++)
            {
                var withinLevels = RepeatedMeasuresData.LevelsOf(k, data.Within);
                var mean = moments.Means[g, k];
                var sd = n > 1 ? Math.Sqrt(moments.CellSumOfSquares[g, k] / (n - 1)) : double.NaN;
                var half = t * sd / Math.Sqrt(n);
                var labels = betweenLevels.Select((l, f) => data.Between[f].Levels[l])
                    .Concat(withinLevels.Select((l, f) => data.Within[f].Levels[l])).ToList();
                rows.Add(new CellSummary(labels, n, mean, sd, mean - half, mean + half));
            }
        }
        return rows;
    }
}
