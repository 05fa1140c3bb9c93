using System.Text.Json;
using Hearth.Statistics.Mixed;

namespace Hearth.Content.Analysis;

/// <summary>
/// The report of <c>hearth analyze --model mixed</c>, a contract other tools read: <c>model</c>,
/// <c>ddf</c>, <c>design</c> (as in the ANOVA report), <c>observations</c>, <c>anova</c> (type III F tests
/// per effect), <c>random</c> (the variances) and <c>reml_criterion</c> (−2 × REML log-likelihood).
/// Subjects with some waves missing are kept; only subjects with no value at all are listed as excluded.
/// </summary>
public sealed record MixedReport(
    string Model,
    string Ddf,
    DesignSummary Design,
    int Observations,
    IReadOnlyList<MixedAnovaRow> Anova,
    RandomEffects Random,
    double RemlCriterion)
{
    public static MixedReport Of(LongData data, MixedModelResult fit, DenominatorDf ddf)
    {
        var levels = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var factor in data.Between.Concat(data.Within))
        {
            levels[factor.Name] = factor.Levels;
        }
        return new MixedReport("mixed", ddf == DenominatorDf.KenwardRoger ? "kenward-roger" : "satterthwaite",
            new DesignSummary(data.SubjectCount, data.ExcludedSubjects, [.. data.Between.Select(f => f.Name)], [.. data.Within.Select(f => f.Name)], levels),
            fit.Observations,
            [.. fit.Anova.Select(t => new MixedAnovaRow(t.Effect, t.DfNumerator, t.DfDenominator, t.F, t.P))],
            new RandomEffects(fit.SubjectInterceptVariance, fit.ResidualVariance),
            fit.RemlCriterion);
    }

    public void Write(Stream output, bool indented = true) =>
        JsonSerializer.Serialize(output, this, new JsonSerializerOptions(AnalysisJsonContext.Default.Options) { WriteIndented = indented }.GetTypeInfo(typeof(MixedReport)));
}

public sealed record MixedAnovaRow(string Effect, double DfNum, double DfDen, double F, double P);

public sealed record RandomEffects(double SubjectInterceptVariance, double ResidualVariance);
