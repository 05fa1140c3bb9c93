using System.Text.Json;

namespace Hearth.Cli.Tests;

public class StatisticsCommandsTests
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    [Fact]
    public void Reliability_reports_alpha_and_item_statistics()
    {
        var run = CliRun.Of("reliability", Fixture("reliability.csv"), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture("reliability.expected.json")));
        Assert.Equal(expected.RootElement.GetProperty("alpha").GetDouble(), doc.RootElement.GetProperty("alpha").GetDouble(), 9);
        Assert.Equal(6, doc.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void Reliability_names_a_non_numeric_cell()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("items.csv"), "id,a,b\nr1,1,2\nr2,x,3\n");
        var run = CliRun.Of("reliability", dir.File("items.csv"), "--exclude", "id");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, column 'a'", run.Err);
    }

    [Fact]
    public void Reliability_takes_the_respondent_column_that_score_uses_as_the_id()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("items.csv"), ["respondent,a,b,c", .. Enumerable.Range(1, 300).Select(i => $"r{i},{i % 4},{(i + 1) % 4},{i % 3}")]);
        var run = CliRun.Of("reliability", dir.File("items.csv"), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(3, doc.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(300, doc.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void Reliability_reports_a_text_column_once_at_its_first_line()
    {
        using var dir = new TempDir();
        File.WriteAllLines(dir.File("items.csv"), ["who,a,b", .. Enumerable.Range(1, 300).Select(i => $"person {i},{i % 4},{i % 3}")]);
        var run = CliRun.Of("reliability", dir.File("items.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(run.Err, "is not a number"));
        Assert.Contains("line 2, column 'who'", run.Err);
    }

    [Fact]
    public void Change_classifies_each_subject_by_the_reliable_change_index()
    {
        using var dir = new TempDir();
        // baseline SD given as 10, r = .8: S_diff = √40 = 6.32; s1 drops 15 (RCI −2.37), s2 drops 5, s3 rises 15
        File.WriteAllText(dir.File("waves.csv"), "id,wave,score\ns1,pre,30\ns1,post,15\ns2,pre,30\ns2,post,25\ns3,pre,10\ns3,post,25\ns4,pre,20\ns4,followup,5\n");
        var run = CliRun.Of("change", dir.File("waves.csv"), "--subject", "id", "--dv", "score", "--wave", "wave", "--from", "pre", "--to", "post",
            "--reliability", "0.8", "--sd", "10", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var subjects = doc.RootElement.GetProperty("subjects").EnumerateArray().ToDictionary(s => s.GetProperty("subject").GetString()!, s => s.GetProperty("change").GetString());
        Assert.Equal("improved", subjects["s1"]);
        Assert.Equal("unchanged", subjects["s2"]);
        Assert.Equal("deteriorated", subjects["s3"]);
        Assert.Equal(["s4"], doc.RootElement.GetProperty("excluded_subjects").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Math.Sqrt(40), doc.RootElement.GetProperty("s_diff").GetDouble(), 9);
    }
}
