using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Tests.Analysis;

public class ApaParagraphTests
{
    private static RepeatedMeasuresAnalysis Analyse(string file, string[] within, string[] between)
    {
        using var reader = new StreamReader(Hearth.Tests.RepoRoot.Combine("tests", "Hearth.Statistics.Tests", "Fixtures", file));
        var read = LongFormatCsv.Read(reader, file, new AnalysisDesign("subject", "score", within, between));
        return RepeatedMeasuresAnalysis.Run(read.Data!);
    }

    [Fact]
    public void Every_effect_is_reported_with_its_f_test_and_effect_size()
    {
        var analysis = Analyse("three-arm-trial.csv", ["time"], ["group"]);
        var text = ApaParagraph.Write(analysis, "burnout (0–100)");
        Assert.StartsWith("A mixed-design analysis of variance on burnout (0–100), with group as between-subjects factor and time as within-subjects factor (42 participants", text, StringComparison.Ordinal);
        foreach (var e in analysis.Anova.Effects)
        {
            var significant = e.P < ApaParagraph.Alpha ? "a significant" : "no significant";
            var name = e.Effect.Contains(':') ? $"{e.Effect.Replace(":", " × ")} interaction" : $"main effect of {e.Effect}";
            Assert.Contains($"{significant} {name}, F({ApaFormat.Df(e.DfNumerator)}, {ApaFormat.Df(e.DfDenominator)}) = {ApaFormat.Stat(e.F)}", text, StringComparison.Ordinal);
            Assert.Contains($"ηp² = {ApaFormat.Proportion(e.PartialEtaSquared)}", text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("Greenhouse", text, StringComparison.Ordinal); // sphericity holds here
    }

    [Fact]
    public void A_violated_sphericity_gives_greenhouse_geisser_dfs_and_says_so()
    {
        var analysis = Analyse("obrien-kaiser.csv", ["phase", "hour"], ["treatment", "gender"]);
        var text = ApaParagraph.Write(analysis, "score");
        var hour = analysis.Anova.Sphericity.Single(s => s.Effect == "hour");
        Assert.True(hour.MauchlyP < ApaParagraph.Alpha);
        var effect = analysis.Anova.Effects.Single(e => e.Effect == "hour");
        Assert.Contains($"main effect of hour, F({ApaFormat.Df(effect.DfNumerator * hour.GreenhouseGeisserEpsilon)}, {ApaFormat.Df(effect.DfDenominator * hour.GreenhouseGeisserEpsilon)})", text, StringComparison.Ordinal);
        Assert.Contains("corrected with the Greenhouse–Geisser", text, StringComparison.Ordinal);
        Assert.Contains($"ε = {ApaFormat.Proportion(hour.GreenhouseGeisserEpsilon)}", text, StringComparison.Ordinal);
    }
}
