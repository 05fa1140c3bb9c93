using System.Net;
using System.Text;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// A self-contained HTML report: the design, the ANOVA and sphericity tables, descriptives,
/// pairwise comparisons and an interaction plot (means ± 95% CI per arm over waves, drawn by
/// ScottPlot and embedded as SVG). No scripts, no external resources; every text is HTML-encoded.
/// </summary>
public static class AnalysisHtml
{
    /// <param name="dv">What was measured, as a reader should see it (the plot's y-axis and the paragraph), e.g. "WHO-5 percentage (0–100)".</param>
    public static void Write(TextWriter output, RepeatedMeasuresAnalysis analysis, string title, string dv)
    {
        var data = analysis.Data;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}")
            .Append("table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .6rem;text-align:right;border-bottom:1px solid #ccc}")
            .Append("th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:.5rem 0}")
            .Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p>").Append(data.SubjectCount).Append(" subjects with complete data");
        if (data.ExcludedSubjects.Count > 0)
        {
            html.Append("; ").Append(data.ExcludedSubjects.Count).Append(" excluded for missing waves (")
                .Append(E(string.Join(", ", data.ExcludedSubjects.Take(50)))).Append(data.ExcludedSubjects.Count > 50 ? ", …" : "").Append(')');
        }
        html.Append(". Between-subjects: ").Append(E(Describe(data.Between))).Append(". Within-subjects: ").Append(E(Describe(data.Within))).Append(".</p>\n");

        html.Append("<section><h2>Results</h2><p class=\"apa\">").Append(E(ApaParagraph.Write(analysis, dv))).Append("</p></section>\n");
        html.Append("<figure>").Append(InteractionPlot.Svg(analysis, dv)).Append("<figcaption>Means of ").Append(E(dv)).Append(" ± 95% confidence interval.</figcaption></figure>\n");

        Table(html, "Mixed ANOVA (type III sums of squares, sphericity assumed)", ["Effect", "SS", "df", "MS", "F", "p", "ηp²", "ηG²"],
            analysis.Anova.Effects.Select(e => new[] { e.Effect, ApaFormat.Stat(e.SumOfSquares), $"{ApaFormat.Df(e.DfNumerator)}, {ApaFormat.Df(e.DfDenominator)}", ApaFormat.Stat(e.MeanSquare), ApaFormat.Stat(e.F), ApaFormat.P(e.P), ApaFormat.Proportion(e.PartialEtaSquared), ApaFormat.Proportion(e.GeneralizedEtaSquared) }));
        if (analysis.Anova.Sphericity.Count > 0)
        {
            Table(html, "Sphericity (Mauchly) and corrections", ["Effect", "W", "p", "ε GG", "p GG", "ε HF", "p HF"],
                analysis.Anova.Sphericity.Select(s => new[] { s.Effect, ApaFormat.Proportion(s.MauchlyW), ApaFormat.P(s.MauchlyP), ApaFormat.Proportion(s.GreenhouseGeisserEpsilon), ApaFormat.P(s.GreenhouseGeisserP), ApaFormat.Proportion(s.HuynhFeldtEpsilon), ApaFormat.P(s.HuynhFeldtP) }));
        }
        var factors = data.Between.Concat(data.Within).Select(f => f.Name).ToArray();
        Table(html, "Descriptives", [.. factors, "n", "M", "SD", "95% CI"],
            analysis.Descriptives.Select(d => d.Levels.Concat([d.N.ToString(System.Globalization.CultureInfo.InvariantCulture), ApaFormat.Stat(d.Mean), ApaFormat.Stat(d.Sd), $"[{ApaFormat.Stat(d.CiLower)}, {ApaFormat.Stat(d.CiUpper)}]"]).ToArray()));
        Table(html, "Pairwise comparisons (Bonferroni within each family)", ["Family", "Contrast", "Estimate", "SE", "df", "t", "p", "p Bonferroni", "d"],
            analysis.Pairwise.Select(p => new[] { p.Family, p.Contrast, ApaFormat.Stat(p.Estimate), ApaFormat.Stat(p.StandardError), ApaFormat.Df(p.Df), ApaFormat.Stat(p.T), ApaFormat.P(p.P), ApaFormat.P(p.PBonferroni), ApaFormat.Stat(p.CohensD) }));
        html.Append("</body></html>\n");
        output.Write(html.ToString());
    }

    private static string Describe(IReadOnlyList<Factor> factors) =>
        factors.Count == 0 ? "none" : string.Join("; ", factors.Select(f => $"{f.Name} ({string.Join(", ", f.Levels)})"));

    private static void Table(StringBuilder html, string caption, string[] header, IEnumerable<string[]> rows)
    {
        html.Append("<table><caption>").Append(E(caption)).Append("</caption>\n<thead><tr>");
        foreach (var h in header)
        {
            html.Append("<th scope=\"col\">").Append(E(h)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table>\n");
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
