using System.Text.Json;

namespace Hearth.Cli.Tests;

public class AnalyzeCommandTests
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    private static readonly string[] ThreeArm = ["analyze", Fixture("three-arm-trial.csv"), "--subject", "subject", "--dv", "score", "--within", "time", "--between", "group"];

    [Fact]
    public void Json_output_follows_the_contract_and_matches_r()
    {
        var run = CliRun.Of([.. ThreeArm, "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("three-arm-trial.expected.json")));
        var root = actual.RootElement;

        Assert.Equal(["design", "anova", "sphericity", "descriptives", "pairwise"], root.EnumerateObject().Select(p => p.Name));
        var design = root.GetProperty("design");
        Assert.Equal(42, design.GetProperty("subjects").GetInt32());
        Assert.Equal(["s20", "s33"], design.GetProperty("excluded_subjects").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["waitlist", "compassion", "mentalization"], design.GetProperty("levels").GetProperty("group").EnumerateArray().Select(e => e.GetString()));

        Assert.Equal(["group", "time", "group:time"], root.GetProperty("anova").EnumerateArray().Select(e => e.GetProperty("effect").GetString()));
        foreach (var section in new[] { "anova", "sphericity", "pairwise" })
        {
            var a = root.GetProperty(section).EnumerateArray().ToList();
            var e = expected.RootElement.GetProperty(section).EnumerateArray().ToList();
            Assert.Equal(e.Count, a.Count);
            for (var i = 0; i < e.Count; i++)
            {
                Assert.Equal(e[i].EnumerateObject().Select(p => p.Name), a[i].EnumerateObject().Select(p => p.Name));
                foreach (var property in e[i].EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
                {
                    var x = property.Value.GetDouble();
                    var y = a[i].GetProperty(property.Name).GetDouble();
                    Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{section}[{i}].{property.Name}: {x} vs {y}");
                }
            }
        }
        var firstCell = root.GetProperty("descriptives")[0];
        Assert.Equal(["group", "time", "n", "mean", "sd", "ci_lower", "ci_upper"], firstCell.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Table_output_is_readable_with_apa_numbers()
    {
        var run = CliRun.Of(ThreeArm);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("group:time", run.Out);
        Assert.Contains("< .001", run.Out);
        Assert.Contains("Excluded", run.Out);
    }

    [Fact]
    public void Html_output_is_a_self_contained_report_with_a_plot()
    {
        using var dir = new TempDir();
        var run = CliRun.Of([.. ThreeArm, "--format", "html", "--output", dir.File("report.html")]);
        Assert.Equal(0, run.ExitCode);
        var html = File.ReadAllText(dir.File("report.html"));
        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains("<svg", html);
        Assert.Contains("group:time", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_output_has_one_section_per_table()
    {
        var run = CliRun.Of([.. ThreeArm, "--format", "csv"]);
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Equal(["# anova", "# sphericity", "# descriptives", "# pairwise"], lines.Where(l => l.StartsWith('#')));
        Assert.StartsWith("effect,ss,df_num", lines[1]);
    }

    [Fact]
    public void The_html_report_has_an_apa_paragraph_and_a_labelled_y_axis()
    {
        var run = CliRun.Of([.. ThreeArm, "--format", "html", "--dv-label", "Burnout <0–100>"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<p class=\"apa\">A mixed-design analysis of variance on Burnout &lt;0–100&gt;", run.Out, StringComparison.Ordinal);
        Assert.Contains("group &#215; time interaction, F(4, ", run.Out, StringComparison.Ordinal);
        Assert.Contains("Burnout &lt;0–100&gt; (mean ± 95% CI)", run.Out, StringComparison.Ordinal); // the SVG's y-axis, encoded
    }

    [Fact]
    public void Csv_columns_are_the_json_keys_of_each_table()
    {
        var csv = CliRun.Of([.. ThreeArm, "--format", "csv"]).Out.Split('\n');
        using var json = System.Text.Json.JsonDocument.Parse(CliRun.Of([.. ThreeArm, "--format", "json"]).Out);
        foreach (var table in new[] { "anova", "sphericity", "descriptives", "pairwise" })
        {
            var header = csv[Array.IndexOf(csv, $"# {table}") + 1].Split(',');
            var rows = json.RootElement.GetProperty(table);
            Assert.Equal(rows.EnumerateArray().First().EnumerateObject().Select(p => p.Name), header);
            Assert.Equal(rows.GetArrayLength(), csv.SkipWhile(l => l != $"# {table}").Skip(2).TakeWhile(l => l.Length > 0 && !l.StartsWith('#')).Count());
        }
        Assert.StartsWith("group,time,n,mean", csv[Array.IndexOf(csv, "# descriptives") + 1], StringComparison.Ordinal); // factor levels first
    }

    [Theory]
    [InlineData("subject,group,time,score\ns1,a,pre,1\ns1,a,post,x\n", "line 3, column 'score'", "'x' is not a number")]
    [InlineData("subject,group,time,score\ns1,a,pre,1\ns1,b,post,2\n", "line 3, column 'group'", "one between-subjects cell")]
    [InlineData("subject,group,time\ns1,a,pre\n", "line 1", "no column 'score'")]
    [InlineData("subject,group,time,score\ns1,a,pre,1\ns1,a,pre,2\n", "line 3", "already has a row")]
    public void Bad_input_names_the_row_and_column_and_exits_1(string csv, string location, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), csv);
        var run = CliRun.Of("analyze", dir.File("in.csv"), "--subject", "subject", "--dv", "score", "--within", "time", "--between", "group", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(location, run.Err);
        Assert.Contains(message, run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_design_with_an_empty_cell_is_refused()
    {
        using var dir = new TempDir();
        // group b's only subject lacks the post wave, so b has no complete subject
        File.WriteAllText(dir.File("in.csv"), "subject,group,time,score\ns1,a,pre,1\ns1,a,post,2\ns2,a,pre,3\ns2,a,post,5\ns3,b,pre,2\n");
        var run = CliRun.Of("analyze", dir.File("in.csv"), "--subject", "subject", "--dv", "score", "--within", "time", "--between", "group");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("group=b has no subject", run.Err);
    }

    [Fact]
    public void Too_few_subjects_is_refused()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "subject,group,time,score\ns1,a,pre,1\ns1,a,post,2\ns2,b,pre,3\ns2,b,post,5\n");
        var run = CliRun.Of("analyze", dir.File("in.csv"), "--subject", "subject", "--dv", "score", "--within", "time", "--between", "group");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("fewer subjects than needed", run.Err);
    }
}
