using System.Text.Json;

namespace Hearth.Cli.Tests;

public class ScoreCommandTests
{
    private const string Phq9Header = "respondent,1,2,3,4,5,6,7,8,9";

    [Fact]
    public void Score_writes_the_json_contract_to_a_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), $"{Phq9Header}\nr1,1,1,1,1,2,2,2,2,0\nr2,0,0,0,0,0,0,0,0,1\n");

        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--output", dir.File("out.json"));

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(File.ReadAllText(dir.File("out.json")));
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var r1 = doc.RootElement[0];
        Assert.Equal("r1", r1.GetProperty("respondent").GetString());
        Assert.Equal(12, r1.GetProperty("scores").GetProperty("total").GetProperty("value").GetDouble());
        Assert.Equal("moderate", r1.GetProperty("scores").GetProperty("total").GetProperty("band").GetString());
        Assert.Equal("self-harm-thoughts", doc.RootElement[1].GetProperty("safety")[0].GetString());
    }

    [Fact]
    public void Score_prints_to_standard_output_without_an_output_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5\na,5,5,5,5,5\n");
        var run = CliRun.Of("score", "who-5", "--input", dir.File("in.csv"));
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var scores = doc.RootElement[0].GetProperty("scores");
        Assert.Equal(100, scores.GetProperty("total").GetProperty("value").GetDouble());
        Assert.Equal(25, scores.GetProperty("raw").GetProperty("value").GetDouble());
    }

    [Fact]
    public void Score_as_csv_has_a_value_and_band_per_score()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), $"{Phq9Header}\nr1,0,0,0,0,0,0,0,0,0\n");
        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["respondent,total,total_band,safety", "r1,0,minimal,"], run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_numbers_exit_1_and_nothing_is_written()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), $"{Phq9Header}\nr1,1,1,1,1,1,1,1,1,1\nr2,1,1,1,1,9,1,1,1,1\n,1,1,1,1,1,1,1,1,1\n");

        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--output", dir.File("out.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3, column '5': '9' is not an answer of item 5", run.Err);
        Assert.Contains("line 4, column 'respondent': the respondent is missing", run.Err);
        Assert.False(File.Exists(dir.File("out.json")));
        Assert.Equal([dir.File("in.csv")], Directory.GetFiles(dir.Path)); // no temporary file left behind
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_failed_run_leaves_an_existing_output_file_untouched()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("out.json"), "previous results");
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,99\nr1,0,0,0\n");

        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--output", dir.File("out.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("unknown column '99'", run.Err);
        Assert.Equal("previous results", File.ReadAllText(dir.File("out.json")));
    }

    [Fact]
    public void A_missing_input_file_is_a_clear_error()
    {
        var run = CliRun.Of("score", "phq-9", "--input", "/nonexistent/in.csv");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Err);
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_a_clear_error_not_a_crash()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), $"{Phq9Header}\nr1,0,0,0,0,0,0,0,0,0\n");
        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--output", "/nonexistent/dir/out.json");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error:", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public void Csv_output_keeps_a_formula_like_respondent_as_text()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), $"{Phq9Header}\n=HYPERLINK(1),0,0,0,0,0,0,0,0,0\n");
        var run = CliRun.Of("score", "phq-9", "--input", dir.File("in.csv"), "--format", "csv");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("\"'=HYPERLINK(1)\",0,", run.Out.Split('\n')[1]);
    }
}
