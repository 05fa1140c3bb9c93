using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary>The terminal rendering of <c>hearth analyze</c>: APA-style numbers in Spectre tables.</summary>
internal static class AnalysisTables
{
    public static void Write(IAnsiConsole console, RepeatedMeasuresAnalysis analysis)
    {
        var data = analysis.Data;
        console.MarkupLine($"[bold]{CliText.Markup("Anova.Design")}[/]: {CliText.Markup("Anova.DesignLine", data.SubjectCount, Markup.Escape(Describe(data.Between)), Markup.Escape(Describe(data.Within)))}");
        if (data.ExcludedSubjects.Count > 0)
        {
            console.MarkupLine($"[yellow]{CliText.Markup("Anova.Excluded")}[/] {data.ExcludedSubjects.Count}: {Markup.Escape(string.Join(", ", data.ExcludedSubjects.Take(20)))}{(data.ExcludedSubjects.Count > 20 ? ", …" : "")}");
        }

        var anova = new Table { Title = new TableTitle(CliText.Markup("Anova.Title")) }
            .AddColumns(CliText.Markup("Stats.Effect"), "SS", "df", "MS", "F", "p", "ηp²", "ηG²");
        foreach (var e in analysis.Anova.Effects)
        {
            anova.AddRow(Markup.Escape(e.Effect), ApaFormat.Stat(e.SumOfSquares), $"{ApaFormat.Df(e.DfNumerator)}, {ApaFormat.Df(e.DfDenominator)}",
                ApaFormat.Stat(e.MeanSquare), ApaFormat.Stat(e.F), Markup.Escape(ApaFormat.P(e.P)), ApaFormat.Proportion(e.PartialEtaSquared), ApaFormat.Proportion(e.GeneralizedEtaSquared));
        }
        console.Write(anova);

        if (analysis.Anova.Sphericity.Count > 0)
        {
            var sphericity = new Table { Title = new TableTitle(CliText.Markup("Anova.Sphericity")) }
                .AddColumns(CliText.Markup("Stats.Effect"), "W", "p", "ε GG", "p GG", "ε HF", "p HF");
            foreach (var s in analysis.Anova.Sphericity)
            {
                sphericity.AddRow(Markup.Escape(s.Effect), ApaFormat.Proportion(s.MauchlyW), Markup.Escape(ApaFormat.P(s.MauchlyP)), ApaFormat.Proportion(s.GreenhouseGeisserEpsilon),
                    Markup.Escape(ApaFormat.P(s.GreenhouseGeisserP)), ApaFormat.Proportion(s.HuynhFeldtEpsilon), Markup.Escape(ApaFormat.P(s.HuynhFeldtP)));
            }
            console.Write(sphericity);
        }

        var factors = data.Between.Concat(data.Within).Select(f => f.Name).ToList();
        var descriptives = new Table { Title = new TableTitle(CliText.Markup("Anova.Descriptives")) };
        foreach (var f in factors)
        {
            descriptives.AddColumn(Markup.Escape(f));
        }
        descriptives.AddColumns("n", "M", "SD", CliText.Markup("Stats.Ci95"));
        foreach (var d in analysis.Descriptives)
        {
            descriptives.AddRow([.. d.Levels.Select(Markup.Escape), d.N.ToString(System.Globalization.CultureInfo.InvariantCulture), ApaFormat.Stat(d.Mean), ApaFormat.Stat(d.Sd), $"[[{ApaFormat.Stat(d.CiLower)}, {ApaFormat.Stat(d.CiUpper)}]]"]);
        }
        console.Write(descriptives);

        var pairwise = new Table { Title = new TableTitle(CliText.Markup("Anova.Pairwise")) }
            .AddColumns([.. CliText.Headings("Anova.Family", "Anova.Contrast", "Stats.Estimate"), "SE", "df", "t", "p", CliText.Markup("Anova.PBonferroni"), "d"]);
        foreach (var p in analysis.Pairwise)
        {
            pairwise.AddRow(Markup.Escape(p.Family), Markup.Escape(p.Contrast), ApaFormat.Stat(p.Estimate), ApaFormat.Stat(p.StandardError), ApaFormat.Df(p.Df),
                ApaFormat.Stat(p.T), Markup.Escape(ApaFormat.P(p.P)), Markup.Escape(ApaFormat.P(p.PBonferroni)), ApaFormat.Stat(p.CohensD));
        }
        console.Write(pairwise);
    }

    private static string Describe(IReadOnlyList<Factor> factors) =>
        factors.Count == 0 ? CliText.Get("Anova.None") : string.Join("; ", factors.Select(f => $"{f.Name} ({string.Join(", ", f.Levels)})"));
}
