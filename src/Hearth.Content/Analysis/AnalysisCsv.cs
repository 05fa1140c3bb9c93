using System.Globalization;
using System.Text;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// <c>hearth analyze --format csv</c>: the tables one after another, each introduced by a comment
/// line (<c># anova</c>, <c># sphericity</c>, <c># descriptives</c>, <c># pairwise</c>) and its own
/// header, with the JSON's column names. Numbers at full precision; empty where not computable.
/// </summary>
public static class AnalysisCsv
{
    public static void Write(TextWriter output, RepeatedMeasuresAnalysis analysis)
    {
        var factors = analysis.Data.Between.Concat(analysis.Data.Within).Select(f => f.Name).ToList();
        Section(output, "anova", ["effect", "ss", "df_num", "ss_error", "df_den", "ms", "ms_error", "f", "p", "partial_eta_squared", "generalized_eta_squared"],
            analysis.Anova.Effects.Select(e => new object[] { e.Effect, e.SumOfSquares, e.DfNumerator, e.ErrorSumOfSquares, e.DfDenominator, e.MeanSquare, e.ErrorMeanSquare, e.F, e.P, e.PartialEtaSquared, e.GeneralizedEtaSquared }));
        Section(output, "sphericity", ["effect", "mauchly_w", "mauchly_p", "gg_epsilon", "gg_p", "hf_epsilon", "hf_p"],
            analysis.Anova.Sphericity.Select(s => new object[] { s.Effect, s.MauchlyW, s.MauchlyP, s.GreenhouseGeisserEpsilon, s.GreenhouseGeisserP, s.HuynhFeldtEpsilon, s.HuynhFeldtP }));
        Section(output, "descriptives", [.. factors, "n", "mean", "sd", "ci_lower", "ci_upper"],
            analysis.Descriptives.Select(d => d.Levels.Cast<object>().Concat(new object[] { d.N, d.Mean, d.Sd, d.CiLower, d.CiUpper }).ToArray()));
        Section(output, "pairwise", ["family", "contrast", "estimate", "se", "df", "t", "p", "p_bonferroni", "cohens_d"],
            analysis.Pairwise.Select(p => new object[] { p.Family, p.Contrast, p.Estimate, p.StandardError, p.Df, p.T, p.P, p.PBonferroni, p.CohensD }));
    }

    private static void Section(TextWriter output, string name, IReadOnlyList<string> header, IEnumerable<object[]> rows)
    {
        output.Write($"# {name}\n");
        output.Write(string.Join(",", header.Select(Field)));
        output.Write('\n');
        foreach (var row in rows)
        {
            output.Write(string.Join(",", row.Select(Cell)));
            output.Write('\n');
        }
    }

    private static string Cell(object value) => value switch
    {
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Field(value.ToString() ?? ""),
    };

    private static string Field(string s) => Exports.CsvField.Escape(s);
}
