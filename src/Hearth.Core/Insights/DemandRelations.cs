using Hearth.Content.Insights;

namespace Hearth.Core.Insights;

/// <summary>How one job demand moves with the score across team-months: Pearson's r with its 95% CI (Fisher's z).</summary>
public sealed record DemandRelation(DemandMeasure Measure, int TeamMonths, double? R, double? Lower, double? Upper);

/// <summary>
/// Relates the recorded demands to the dashboard's score, team by team and month by month. It uses only
/// team-month means the dashboard itself shows (each passed disclosure control), so it can reveal
/// nothing about a person that the page does not; a correlation needs at least <see cref="MinimumPairs"/> of them.
/// </summary>
public static class DemandRelations
{
    public const int MinimumPairs = 5;

    public static IReadOnlyList<DemandRelation> Of(InsightResponse response, IReadOnlyList<TeamMonthView> months)
    {
        var recorded = months.ToDictionary(m => (m.TeamId.ToString(System.Globalization.CultureInfo.InvariantCulture), m.Month));
        var shown = response.Groups.SelectMany(g => g.Trend.Where(p => p.Mean is not null).Select(p => (g.Id, p.Month, Mean: p.Mean!.Value))).ToList();
        return [.. JobDemandsCsv.Measures.Select(measure =>
        {
            var pairs = shown.Where(s => recorded.TryGetValue((s.Id, s.Month), out var m) && m.Values[measure.Column] is not null)
                .Select(s => (X: recorded[(s.Id, s.Month)].Values[measure.Column]!.Value, Y: s.Mean)).ToList();
            return pairs.Count < MinimumPairs ? new DemandRelation(measure, pairs.Count, null, null, null) : Correlate(measure, pairs);
        })];
    }

    private static DemandRelation Correlate(DemandMeasure measure, List<(double X, double Y)> pairs)
    {
        var n = pairs.Count;
        var (mx, my) = (pairs.Average(p => p.X), pairs.Average(p => p.Y));
        var sxy = pairs.Sum(p => (p.X - mx) * (p.Y - my));
        var sxx = pairs.Sum(p => (p.X - mx) * (p.X - mx));
        var syy = pairs.Sum(p => (p.Y - my) * (p.Y - my));
        if (sxx <= 0 || syy <= 0)
        {
            return new DemandRelation(measure, n, null, null, null); // one value throughout: nothing to relate
        }
        var r = sxy / Math.Sqrt(sxx * syy);
        if (n <= 3 || Math.Abs(r) >= 1)
        {
            return new DemandRelation(measure, n, r, null, null);
        }
        var z = Math.Atanh(r);
        var half = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.975) / Math.Sqrt(n - 3);
        return new DemandRelation(measure, n, r, Math.Tanh(z - half), Math.Tanh(z + half));
    }
}
