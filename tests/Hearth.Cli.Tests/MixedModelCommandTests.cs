using System.Text.Json;

namespace Hearth.Cli.Tests;

/// <summary><c>hearth analyze --model mixed</c>: the JSON contract, on the lme4/lmerTest reference data.</summary>
public class MixedModelCommandTests
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    private static readonly string[] ThreeArm = ["analyze", Fixture("mixed-three-arm.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--model", "mixed"];

    private static readonly string[] SlopeThreeArm = ["analyze", Fixture("mixed-slope-three-arm.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--model", "mixed", "--random-slope"];

    private static void Near(JsonElement actual, JsonElement expected, string key, double tolerance, string what)
    {
        var want = expected.GetProperty(key).GetDouble();
        var got = actual.GetProperty(key).GetDouble();
        Assert.True(Math.Abs(got - want) <= tolerance * Math.Abs(want), $"{key} of {what}: expected {want:R}, got {got:R}");
    }

    [Fact]
    public void Json_follows_the_contract_and_matches_lmerTest()
    {
        var run = CliRun.Of([.. ThreeArm, "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("mixed-three-arm.lmer.json")));
        var root = actual.RootElement;
        Assert.Equal("mixed", root.GetProperty("model").GetString());
        Assert.Equal("satterthwaite", root.GetProperty("ddf").GetString());
        Assert.Equal(["model", "ddf", "design", "observations", "anova", "random", "reml_criterion"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["subjects", "excluded_subjects", "between", "within", "levels"], root.GetProperty("design").EnumerateObject().Select(p => p.Name));
        // Subjects with missing waves are kept: all 55, with 136 of their 165 values.
        Assert.Equal(55, root.GetProperty("design").GetProperty("subjects").GetInt32());
        Assert.Equal(136, root.GetProperty("observations").GetInt32());

        var rows = root.GetProperty("anova").EnumerateArray().ToList();
        Assert.Equal(["arm", "wave", "arm:wave"], rows.Select(r => r.GetProperty("effect").GetString()));
        foreach (var (row, reference) in rows.Zip(expected.RootElement.GetProperty("anova").EnumerateArray()))
        {
            Assert.Equal(["effect", "df_num", "df_den", "f", "p"], row.EnumerateObject().Select(p => p.Name));
            foreach (var (key, tolerance) in new[] { ("f", 1e-6), ("df_den", 1e-4), ("p", 1e-4) })
            {
                var want = reference.GetProperty(key).GetDouble();
                Assert.True(Math.Abs(row.GetProperty(key).GetDouble() - want) <= tolerance * Math.Abs(want), $"{key} of {row.GetProperty("effect")}");
            }
        }
        var random = root.GetProperty("random");
        Assert.Equal(["subject_intercept_variance", "residual_variance"], random.EnumerateObject().Select(p => p.Name));
        var reml = expected.RootElement.GetProperty("reml_criterion").GetDouble();
        Assert.True(Math.Abs(root.GetProperty("reml_criterion").GetDouble() - reml) <= 1e-6 * reml);
    }

    [Fact]
    public void Kenward_roger_df_are_chosen_by_option_and_named_in_the_report()
    {
        var run = CliRun.Of([.. ThreeArm, "--ddf", "kenward-roger", "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("mixed-three-arm.lmer.json")));
        Assert.Equal("kenward-roger", actual.RootElement.GetProperty("ddf").GetString());
        foreach (var (row, reference) in actual.RootElement.GetProperty("anova").EnumerateArray().Zip(expected.RootElement.GetProperty("anova_kenward_roger").EnumerateArray()))
        {
            var want = reference.GetProperty("df_den").GetDouble();
            Assert.True(Math.Abs(row.GetProperty("df_den").GetDouble() - want) <= 1e-4 * want, $"Kenward–Roger df of {row.GetProperty("effect")}");
        }
    }

    [Theory]
    [InlineData("satterthwaite", "anova")]
    [InlineData("kenward-roger", "anova_kenward_roger")]
    public void A_random_slope_adds_its_variance_and_correlation_and_matches_lme4(string ddf, string table)
    {
        var run = CliRun.Of([.. SlopeThreeArm, "--ddf", ddf, "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("mixed-slope-three-arm.lmer.json")));
        var root = actual.RootElement;
        Assert.Equal(["model", "ddf", "design", "observations", "anova", "random", "reml_criterion"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ddf, root.GetProperty("ddf").GetString());
        Assert.Equal(expected.RootElement.GetProperty("observations").GetInt32(), root.GetProperty("observations").GetInt32());

        var rows = root.GetProperty("anova").EnumerateArray().ToList();
        Assert.Equal(["arm", "wave", "arm:wave"], rows.Select(r => r.GetProperty("effect").GetString()));
        foreach (var (row, reference) in rows.Zip(expected.RootElement.GetProperty(table).EnumerateArray()))
        {
            var effect = row.GetProperty("effect").GetString()!;
            Near(row, reference, "f", 1e-6, effect);
            Near(row, reference, "df_den", 1e-4, effect);
            Near(row, reference, "p", 1e-4, effect);
        }
        var random = root.GetProperty("random");
        Assert.Equal(["subject_intercept_variance", "subject_slope_variance", "intercept_slope_correlation", "residual_variance"], random.EnumerateObject().Select(p => p.Name));
        foreach (var key in random.EnumerateObject().Select(p => p.Name))
        {
            Near(random, expected.RootElement.GetProperty("random"), key, 1e-6, "random");
        }
        Near(root, expected.RootElement, "reml_criterion", 1e-6, "the model");
    }

    [Fact]
    public void The_table_names_the_random_slope_and_its_variance()
    {
        var run = CliRun.Of(SlopeThreeArm);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("random intercept and slope on wave per subject", run.Out, StringComparison.Ordinal);
        Assert.Contains("of their slopes 5.47 (correlation with the intercepts -.472)", run.Out, StringComparison.Ordinal);
        var intercept = CliRun.Of(ThreeArm);
        Assert.Contains("random intercept per subject", intercept.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("slope", intercept.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_random_slope_with_two_waves_is_refused_with_the_reason()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "subject,arm,wave,score\ns1,a,pre,1\ns1,a,post,2\ns2,a,pre,3\ns2,a,post,5\ns3,b,pre,2\ns3,b,post,2\ns4,b,pre,4\ns4,b,post,1\n");
        var run = CliRun.Of("analyze", dir.File("in.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--model", "mixed", "--random-slope", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("a random slope on wave needs at least 3 waves", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_table_is_the_default_and_csv_lists_the_tests()
    {
        var table = CliRun.Of(ThreeArm);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Satterthwaite", table.Out, StringComparison.Ordinal);
        Assert.Contains("arm:wave", table.Out, StringComparison.Ordinal);
        var csv = CliRun.Of([.. ThreeArm, "--format", "csv"]);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("effect,df_num,df_den,f,p\narm,2,", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_that_do_not_apply_are_refused_with_a_reason()
    {
        var ddfWithAnova = CliRun.Of("analyze", Fixture("mixed-three-arm.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--ddf", "satterthwaite");
        Assert.Equal(1, ddfWithAnova.ExitCode);
        Assert.Contains("--ddf applies to --model mixed only", ddfWithAnova.Err, StringComparison.Ordinal);
        var slopeWithAnova = CliRun.Of("analyze", Fixture("mixed-slope-three-arm.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--random-slope");
        Assert.Equal(1, slopeWithAnova.ExitCode);
        Assert.Contains("--random-slope applies to --model mixed only", slopeWithAnova.Err, StringComparison.Ordinal);
        var html = CliRun.Of([.. ThreeArm, "--format", "html"]);
        Assert.Equal(1, html.ExitCode);
        Assert.Contains("json, csv or table", html.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_between_cell_without_any_value_is_named()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "subject,arm,wave,score\ns1,a,pre,1\ns1,a,post,\ns2,b,pre,\n");
        var run = CliRun.Of("analyze", dir.File("in.csv"), "--subject", "subject", "--dv", "score", "--within", "wave", "--between", "arm", "--model", "mixed", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("arm=b has no subject with any value", run.Err, StringComparison.Ordinal);
    }
}
