using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// The report of <c>hearth analyze</c> as data: one record per table row. Its field names, written
/// snake_case by the generated serializer, are the contract of <c>--format json</c>, and the CSV's
/// column headers come from the same metadata (<see cref="AnalysisCsv"/>), so the two cannot drift.
/// A value that cannot be computed (an SD of one subject) is null.
/// </summary>
public sealed record AnalysisReport(
    DesignSummary Design,
    IReadOnlyList<AnovaRow> Anova,
    IReadOnlyList<SphericityRow> Sphericity,
    IReadOnlyList<DescriptiveRow> Descriptives,
    IReadOnlyList<PairwiseRow> Pairwise)
{
    public static AnalysisReport Of(RepeatedMeasuresAnalysis analysis)
    {
        var data = analysis.Data;
        var levels = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var factor in data.Between.Concat(data.Within))
        {
            levels[factor.Name] = factor.Levels;
        }
        return new AnalysisReport(
            new DesignSummary(data.SubjectCount, data.ExcludedSubjects, [.. data.Between.Select(f => f.Name)], [.. data.Within.Select(f => f.Name)], levels),
            [.. analysis.Anova.Effects.Select(e => new AnovaRow(e.Effect, Finite(e.SumOfSquares), Finite(e.DfNumerator), Finite(e.ErrorSumOfSquares), Finite(e.DfDenominator),
                Finite(e.MeanSquare), Finite(e.ErrorMeanSquare), Finite(e.F), Finite(e.P), Finite(e.PartialEtaSquared), Finite(e.GeneralizedEtaSquared)))],
            [.. analysis.Anova.Sphericity.Select(s => new SphericityRow(s.Effect, Finite(s.MauchlyW), Finite(s.MauchlyP), Finite(s.GreenhouseGeisserEpsilon),
                Finite(s.GreenhouseGeisserP), Finite(s.HuynhFeldtEpsilon), Finite(s.HuynhFeldtP)))],
            [.. analysis.Descriptives.Select(d => new DescriptiveRow(d.Levels, d.N, Finite(d.Mean), Finite(d.Sd), Finite(d.CiLower), Finite(d.CiUpper)))],
            [.. analysis.Pairwise.Select(p => new PairwiseRow(p.Family, p.Contrast, Finite(p.Estimate), Finite(p.StandardError), Finite(p.Df), Finite(p.T),
                Finite(p.P), Finite(p.PBonferroni), Finite(p.CohensD)))]);
    }

    /// <summary>The factor names, in the order the descriptives list their levels (between first, then within).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Factors => [.. Design.Between, .. Design.Within];

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>
    /// How to write this report: the generated contract, plus one column per factor at the front of each
    /// descriptives row, named after the factor (the only columns that depend on the data).
    /// </summary>
    public JsonSerializerOptions Options(bool indented = true)
    {
        var factors = Factors;
        return new JsonSerializerOptions(AnalysisJsonContext.Default.Options)
        {
            WriteIndented = indented,
            TypeInfoResolver = AnalysisJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type != typeof(DescriptiveRow))
                {
                    return;
                }
                for (var f = factors.Count - 1; f >= 0; f--)
                {
                    var index = f;
                    // Made the way the generated metadata is made (typed, no reflection), so it works in the native build.
                    var level = JsonMetadataServices.CreatePropertyInfo(info.Options, new JsonPropertyInfoValues<string>
                    {
                        IsProperty = true,
                        IsPublic = true,
                        DeclaringType = typeof(DescriptiveRow),
                        PropertyName = factors[f],
                        JsonPropertyName = factors[f],
                        Getter = row => ((DescriptiveRow)row).Levels[index],
                    });
                    info.Properties.Insert(0, level);
                }
            }),
        };
    }
}

public sealed record DesignSummary(int Subjects, IReadOnlyList<string> ExcludedSubjects, IReadOnlyList<string> Between, IReadOnlyList<string> Within,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Levels);

public sealed record AnovaRow(string Effect, double? Ss, double? DfNum, double? SsError, double? DfDen, double? Ms, double? MsError, double? F, double? P,
    double? PartialEtaSquared, double? GeneralizedEtaSquared);

public sealed record SphericityRow(string Effect, double? MauchlyW, double? MauchlyP, double? GgEpsilon, double? GgP, double? HfEpsilon, double? HfP);

/// <param name="Levels">The cell's level of each factor; written as columns named after the factors (see <see cref="AnalysisReport.Options"/>).</param>
public sealed record DescriptiveRow([property: JsonIgnore] IReadOnlyList<string> Levels, int N, double? Mean, double? Sd, double? CiLower, double? CiUpper);

public sealed record PairwiseRow(string Family, string Contrast, double? Estimate, double? Se, double? Df, double? T, double? P, double? PBonferroni, double? CohensD);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(AnalysisReport))]
[JsonSerializable(typeof(MixedReport))]
public sealed partial class AnalysisJsonContext : JsonSerializerContext;
