namespace Hearth.Cli.Tests;

/// <summary>
/// Spreadsheets in many locales write <c>;</c> between fields and a decimal comma; others write tabs. Every
/// CSV reader detects the separator from the header, and <c>--delimiter</c> / <c>--decimal</c> override it.
/// </summary>
public class CsvDialectTests
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    [Fact]
    public void Score_reads_a_semicolon_file_and_a_tab_file_as_it_reads_a_comma_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("comma.csv"), "respondent,1,2,3,4,5\nr1,3,4,2,5,1\nr2,0,1,,2,3\n");
        File.WriteAllText(dir.File("semicolon.csv"), "respondent;1;2;3;4;5\nr1;3;4;2;5;1\nr2;0;1;;2;3\n");
        File.WriteAllText(dir.File("tab.csv"), "respondent\t1\t2\t3\t4\t5\nr1\t3\t4\t2\t5\t1\nr2\t0\t1\t\t2\t3\n");
        var comma = CliRun.Of("score", "who-5", "--input", dir.File("comma.csv"));
        Assert.Equal(0, comma.ExitCode);
        foreach (var other in new[] { "semicolon.csv", "tab.csv" })
        {
            var run = CliRun.Of("score", "who-5", "--input", dir.File(other));
            Assert.True(run.ExitCode == 0, run.Err);
            Assert.Equal(comma.Out, run.Out);
        }
        // Forcing the comma on the semicolon file reads its header as one column, and says so.
        var forced = CliRun.Of("score", "who-5", "--input", dir.File("semicolon.csv"), "--delimiter", ",");
        Assert.Equal(1, forced.ExitCode);
        Assert.Contains("unknown column 'respondent;1;2;3;4;5'", forced.Err, StringComparison.Ordinal);
        var bad = CliRun.Of("score", "who-5", "--input", dir.File("comma.csv"), "--delimiter", "|");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--delimiter '|'", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_reads_decimal_commas_in_a_semicolon_file_to_the_same_result_and_refuses_them_when_told_the_decimal_is_a_point()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Fixture("one-between-one-within.csv"));
        File.WriteAllLines(dir.File("locale.csv"), lines.Select(l => l.Replace(",", ";", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal)));
        string[] args = ["--subject", "subject", "--dv", "score", "--within", "time", "--between", "group", "--format", "json"];
        var original = CliRun.Of(["analyze", Fixture("one-between-one-within.csv"), .. args]);
        var locale = CliRun.Of(["analyze", dir.File("locale.csv"), .. args]);
        Assert.True(locale.ExitCode == 0, locale.Err);
        Assert.Equal(original.Out.Replace(Fixture("one-between-one-within.csv"), "", StringComparison.Ordinal), locale.Out.Replace(dir.File("locale.csv"), "", StringComparison.Ordinal));

        var pointOnly = CliRun.Of(["analyze", dir.File("locale.csv"), .. args, "--decimal", "."]);
        Assert.Equal(1, pointOnly.ExitCode);
        Assert.Matches("line \\d+, column 'score'", pointOnly.Err);
    }

    public static TheoryData<string, string[]> EveryReader() => new()
    {
        { "one-between-one-within.csv", ["analyze", "{file}", "--subject", "subject", "--dv", "score", "--within", "time", "--between", "group", "--model", "mixed", "--format", "json"] },
        { "one-between-one-within.csv", ["change", "{file}", "--subject", "subject", "--dv", "score", "--wave", "time", "--from", "pre", "--to", "post", "--sd", "6.2", "--reliability", "0.8", "--format", "json"] },
        { "reliability.csv", ["reliability", "{file}", "--format", "json"] },
        { "did-balanced.csv", ["did", "{file}", "--unit", "team", "--time", "month", "--treated", "treated", "--dv", "burnout", "--format", "json"] },
        { "its-level-and-slope.csv", ["its", "{file}", "--time", "month", "--dv", "burnout", "--start", "2026-1", "--format", "json"] },
    };

    [Theory]
    [MemberData(nameof(EveryReader))]
    public void Every_command_that_reads_csv_reads_a_semicolon_file_with_decimal_commas_to_the_same_result(string fixture, string[] command)
    {
        using var dir = new TempDir();
        var original = Fixture(fixture);
        var locale = dir.File("locale.csv");
        File.WriteAllLines(locale, File.ReadAllLines(original).Select(l => l.Replace(",", ";", StringComparison.Ordinal).Replace(".", ",", StringComparison.Ordinal)));
        string[] With(string file) => [.. command.Select(a => a == "{file}" ? file : a)];

        var expected = CliRun.Of(With(original));
        Assert.True(expected.ExitCode == 0, expected.Err);
        var read = CliRun.Of(With(locale));
        Assert.True(read.ExitCode == 0, read.Err);
        Assert.Equal(expected.Out.Replace(original, "", StringComparison.Ordinal), read.Out.Replace(locale, "", StringComparison.Ordinal));

        // Told the decimal is a point, a file with decimals is refused where a comma decimal first appears
        // (item scores are whole numbers, so the reliability file has none).
        var pointOnly = CliRun.Of([.. With(locale), "--decimal", "."]);
        if (File.ReadAllText(original).Contains('.', StringComparison.Ordinal))
        {
            Assert.Equal(1, pointOnly.ExitCode);
            Assert.Contains("line ", pointOnly.Err, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected.Out.Replace(original, "", StringComparison.Ordinal), pointOnly.Out.Replace(locale, "", StringComparison.Ordinal));
        }
        var unknown = CliRun.Of([.. With(locale), "--delimiter", "|"]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("--delimiter '|'", unknown.Err, StringComparison.Ordinal);
    }
}
