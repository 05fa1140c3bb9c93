using System.Text.Json;

namespace Hearth.Cli.Tests;

/// <summary><c>hearth did</c> and <c>hearth its</c>: the JSON contracts against R (tools/stats-reference/evaluation.R), the table, and bad input.</summary>
public class EvaluationCommandTests
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    private static string[] Did(string file) => ["did", file, "--unit", "team", "--time", "month", "--treated", "treated", "--dv", "burnout"];

    private static string[] Its(string file, string start) => ["its", file, "--time", "month", "--dv", "burnout", "--start", start];

    private static void MatchesR(JsonElement expected, JsonElement actual, string what)
    {
        foreach (var property in actual.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
        {
            var (want, got) = (expected.GetProperty(property.Name).GetDouble(), property.Value.GetDouble());
            Assert.True(Math.Abs(want - got) <= 1e-9 * Math.Abs(want), $"{what}.{property.Name}: R {want:R}, hearth {got:R}");
        }
    }

    [Theory]
    [InlineData("did-balanced")]
    [InlineData("did-staggered")]
    [InlineData("did-few-teams")]
    public void Did_json_follows_the_contract_and_matches_r(string name)
    {
        var run = CliRun.Of([.. Did(Fixture(name + ".csv")), "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture(name + ".expected.json")));
        var root = actual.RootElement;
        Assert.Equal(["estimate", "se", "df", "t", "p", "ci_lower", "ci_upper", "clusters", "rows"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.RootElement.GetProperty("clusters").GetInt32(), root.GetProperty("clusters").GetInt32());
        Assert.Equal(expected.RootElement.GetProperty("rows").GetInt32(), root.GetProperty("rows").GetInt32());
        MatchesR(expected.RootElement, root, name);
    }

    [Theory]
    [InlineData("its-level-and-slope", "2026-1")]
    [InlineData("its-early-change", "month-4")]
    public void Its_json_follows_the_contract_and_matches_r(string name, string start)
    {
        var run = CliRun.Of([.. Its(Fixture(name + ".csv"), start), "--format", "json"]);
        Assert.Equal(0, run.ExitCode);
        using var actual = JsonDocument.Parse(run.Out);
        using var expected = JsonDocument.Parse(File.ReadAllText(Fixture(name + ".expected.json")));
        var root = actual.RootElement;
        Assert.Equal(["pre_slope", "level_change", "slope_change", "n"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(expected.RootElement.GetProperty("n").GetInt32(), root.GetProperty("n").GetInt32());
        foreach (var part in new[] { "pre_slope", "level_change", "slope_change" })
        {
            Assert.Equal(["estimate", "se", "t", "p"], root.GetProperty(part).EnumerateObject().Select(p => p.Name));
            MatchesR(expected.RootElement.GetProperty(part), root.GetProperty(part), $"{name}.{part}");
        }
    }

    [Fact]
    public void Tables_are_the_default_and_end_with_the_plain_language_sentence()
    {
        var did = CliRun.Of([.. Did(Fixture("did-balanced.csv")), "--dv-label", "burnout (0–100)"]);
        Assert.Equal(0, did.ExitCode);
        Assert.Contains("Difference-in-differences", did.Out, StringComparison.Ordinal);
        Assert.Contains("24 units, 18 periods, 432 rows", did.Out, StringComparison.Ordinal);
        Assert.Matches(@"After the change, burnout \(0–100\) fell by [0-9.]+ points, 95% CI [0-9.]+ to [0-9.]+, compared with teams without the change\. Lower burnout \(0–100\) is better, so this is an improvement\.\n$", did.Out);

        var its = CliRun.Of([.. Its(Fixture("its-level-and-slope.csv"), "2026-1"), "--higher-is-better"]);
        Assert.Equal(0, its.ExitCode);
        Assert.Contains("48 periods, 2024-1 to 2027-12; the change from 2026-1", its.Out, StringComparison.Ordinal);
        Assert.Contains("Change in level", its.Out, StringComparison.Ordinal);
        Assert.Contains("the level of burnout fell by", its.Out, StringComparison.Ordinal);
        Assert.Contains("Higher burnout is better, so the change in level is a worsening", its.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_levels_are_put_in_natural_order_whatever_the_row_order()
    {
        // The same series, once labelled month-1 … month-12 and shuffled, once numbered 0 … 11 in order.
        double[] values = [50.1, 51.3, 50.8, 52.0, 51.1, 47.2, 46.9, 46.0, 45.8, 44.1, 44.6, 43.2];
        int[] shuffled = [9, 2, 11, 0, 5, 7, 1, 10, 3, 8, 6, 4];
        using var dir = new TempDir();
        File.WriteAllText(dir.File("named.csv"), "month,burnout\n" + string.Concat(shuffled.Select(i => $"month-{i + 1},{values[i]}\n")));
        File.WriteAllText(dir.File("numbered.csv"), "month,burnout\n" + string.Concat(values.Select((v, i) => $"{i},{v}\n")));
        var named = CliRun.Of([.. Its(dir.File("named.csv"), "month-6"), "--format", "json"]);
        var numbered = CliRun.Of([.. Its(dir.File("numbered.csv"), "5"), "--format", "json"]);
        Assert.Equal(0, named.ExitCode);
        Assert.Equal(numbered.Out, named.Out);
        // Sorted as text, month-10 would come before month-2 and the series would be scrambled.
        using var json = JsonDocument.Parse(named.Out);
        Assert.True(json.RootElement.GetProperty("level_change").GetProperty("estimate").GetDouble() < -2);
    }

    [Theory]
    [InlineData("team,month,treated\na,1,0\n", "line 1", "there is no column 'burnout'")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,0,high\n", "line 3, column 'burnout'", "'high' is not a number")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,2,51\n", "line 3, column 'treated'", "'2' is not 0 or 1")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,,51\n", "line 3, column 'treated'", "the treated value is missing")]
    [InlineData("team,month,treated,burnout\na,1,0,50\n,2,0,51\n", "line 3, column 'team'", "the unit is missing")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,0\n", "line 3", "3 fields, but the header has 4")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,1,48\na,3,1,47\n", "", "at least 2 units to cluster on; there is 1")]
    [InlineData("team,month,treated,burnout\na,1,0,50\nb,1,1,48\n", "", "at least 2 periods")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,1,48\na,3,1,46\nb,1,0,49\nb,2,1,47\nb,3,1,48\n", "", "explained by the units and periods")]
    [InlineData("team,month,treated,burnout\na,1,0,50\na,2,1,48\nb,1,0,49\nb,2,0,47\n", "", "4 rows cannot fit 4 parameters")]
    public void Bad_did_input_is_refused_naming_the_file_line_and_column(string csv, string location, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("panel.csv"), csv);
        var run = CliRun.Of([.. Did(dir.File("panel.csv")), "--format", "json"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"error: {dir.File("panel.csv")}: {location}", run.Err, StringComparison.Ordinal);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("month,burnout\n1,50\n2,51\n3,52\n2,53\n4,49\n5,48\n6,47\n", "5", "line 5, column 'month'", "'2' already has a row, on line 3")]
    [InlineData("month,burnout\n1,50\n2,51\n3,52\n4,49\n5,48\n6,47\n", "2027-1", "--start '2027-1'", "there is no time level '2027-1' in column 'month' (its levels run from '1' to '6')")]
    [InlineData("month,burnout\n1,50\n2,51\n3,52\n4,49\n", "3", "", "at least 5 periods; there are 4")]
    [InlineData("month,burnout\n1,50\n2,51\n3,52\n4,49\n5,48\n6,47\n", "3", "", "at least 3 periods before the change")]
    [InlineData("month,burnout\n1,50\n2,51\n3,\n4,49\n5,48\n6,47\n", "4", "line 4, column 'burnout'", "the value is missing")]
    [InlineData("month,burnout\n1,50\n2,n/a\n3,52\n4,49\n5,48\n6,47\n", "4", "line 3, column 'burnout'", "'n/a' is not a number")]
    [InlineData("period,burnout\n1,50\n", "1", "line 1", "there is no column 'month' (columns: period, burnout)")]
    public void Bad_its_input_is_refused_naming_the_file_line_and_column(string csv, string start, string location, string message)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("series.csv"), csv);
        var run = CliRun.Of([.. Its(dir.File("series.csv"), start), "--format", "json"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"error: {dir.File("series.csv")}: {location}", run.Err, StringComparison.Ordinal);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_option_is_refused_without_output()
    {
        var missing = CliRun.Of(Did(Path.Combine(CliRun.Root, "no-such-panel.csv")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("", missing.Out);
        Assert.Contains("the input file does not exist", missing.Err, StringComparison.Ordinal);
        var noStart = CliRun.Of("its", Fixture("its-early-change.csv"), "--time", "month", "--dv", "burnout");
        Assert.NotEqual(0, noStart.ExitCode);
        Assert.Contains("--start", noStart.Err, StringComparison.Ordinal);
    }
}
