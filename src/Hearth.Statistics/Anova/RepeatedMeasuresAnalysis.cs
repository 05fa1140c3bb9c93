namespace Hearth.Statistics.Anova;

/// <summary>Everything a repeated-measures report shows, computed from one pass over the data.</summary>
public sealed record RepeatedMeasuresAnalysis(
    RepeatedMeasuresData Data,
    MixedAnovaResult Anova,
    IReadOnlyList<CellSummary> Descriptives,
    IReadOnlyList<PairwiseComparison> Pairwise)
{
    public static RepeatedMeasuresAnalysis Run(RepeatedMeasuresData data)
    {
        var moments = new GroupMoments(data);
        return new RepeatedMeasuresAnalysis(
            data,
            MixedAnova.Fit(data, moments),
            CellDescriptives.Compute(data, moments),
            PairwiseComparisons.Compute(data, moments));
    }
}
