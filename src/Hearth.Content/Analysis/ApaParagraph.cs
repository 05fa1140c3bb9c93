using System.Text;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// The ANOVA's results as an APA-style paragraph a researcher can paste: each effect as
/// "a significant group × time interaction, F(4, 114) = 4.03, p = .004, ηp² = .124". When Mauchly's test
/// rejects sphericity (p &lt; .05) for a within-subjects effect, its dfs and p are Greenhouse–Geisser
/// corrected, and the paragraph says so with ε.
/// </summary>
public static class ApaParagraph
{
    public const double Alpha = 0.05;

    public static string Write(RepeatedMeasuresAnalysis analysis, string dv)
    {
        var data = analysis.Data;
        var text = new StringBuilder();
        text.Append("A mixed-design analysis of variance on ").Append(dv);
        if (data.Between.Count > 0)
        {
            text.Append(", with ").Append(List(data.Between.Select(f => f.Name))).Append(data.Between.Count == 1 ? " as between-subjects factor" : " as between-subjects factors")
                .Append(" and ");
        }
        else
        {
            text.Append(", with ");
        }
        text.Append(List(data.Within.Select(f => f.Name))).Append(data.Within.Count == 1 ? " as within-subjects factor" : " as within-subjects factors")
            .Append(" (").Append(data.SubjectCount).Append(data.SubjectCount == 1 ? " participant" : " participants").Append(" with complete data)");

        var sphericity = analysis.Anova.Sphericity.ToDictionary(s => s.Effect);
        var corrected = new List<SphericityTest>();
        var findings = new List<string>();
        foreach (var effect in analysis.Anova.Effects)
        {
            double df1 = effect.DfNumerator, df2 = effect.DfDenominator, p = effect.P;
            if (sphericity.TryGetValue(effect.Effect, out var s) && s.MauchlyP < Alpha && double.IsFinite(s.GreenhouseGeisserEpsilon))
            {
                df1 *= s.GreenhouseGeisserEpsilon;
                df2 *= s.GreenhouseGeisserEpsilon;
                p = s.GreenhouseGeisserP;
                corrected.Add(s);
            }
            var name = effect.Effect.Replace(":", " × ", StringComparison.Ordinal);
            var what = effect.Effect.Contains(':', StringComparison.Ordinal) ? $"{name} interaction" : $"main effect of {name}";
            findings.Add($"{(p < Alpha ? "a significant" : "no significant")} {what}, F({ApaFormat.Df(df1)}, {ApaFormat.Df(df2)}) = {ApaFormat.Stat(effect.F)}, {PText(p)}, ηp² = {ApaFormat.Proportion(effect.PartialEtaSquared)}");
        }
        text.Append(" showed ").Append(Sentence(findings)).Append('.');
        if (corrected.Count > 0)
        {
            text.Append(" Mauchly's test indicated that the assumption of sphericity was violated for ")
                .Append(List(corrected.Select(s => $"{s.Effect.Replace(":", " × ", StringComparison.Ordinal)} (W = {ApaFormat.Proportion(s.MauchlyW)}, {PText(s.MauchlyP)})")))
                .Append(", so ").Append(corrected.Count == 1 ? "its" : "their").Append(" degrees of freedom were corrected with the Greenhouse–Geisser estimate")
                .Append(corrected.Count == 1 ? " (ε = " : "s (ε = ").Append(string.Join(", ", corrected.Select(s => ApaFormat.Proportion(s.GreenhouseGeisserEpsilon)))).Append(").");
        }
        return text.ToString();
    }

    private static string PText(double p) => ApaFormat.P(p) is var formatted && formatted.StartsWith('<') ? $"p {formatted}" : $"p = {formatted}";

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            2 => $"{all[0]} and {all[1]}",
            _ => string.Join(", ", all.Take(all.Count - 1)) + ", and " + all[^1],
        };
    }

    private static string Sentence(List<string> findings) => findings.Count switch
    {
        0 => "no effects",
        1 => findings[0],
        _ => string.Join("; ", findings.Take(findings.Count - 1)) + "; and " + findings[^1],
    };
}
