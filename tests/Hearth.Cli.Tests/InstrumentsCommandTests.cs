using System.Text.Json;

namespace Hearth.Cli.Tests;

public class InstrumentsCommandTests
{
    [Fact]
    public void List_prints_a_table_of_the_library()
    {
        var run = CliRun.Of("instruments", "list");
        Assert.Equal(0, run.ExitCode);
        foreach (var header in new[] { "id", "title", "constructs", "items", "licence" })
        {
            Assert.Contains(header, run.Out);
        }
        Assert.Contains("phq-9", run.Out);
        Assert.Contains("free-non-commercial", run.Out);
    }

    [Fact]
    public void List_as_json_is_an_array_of_objects_for_scripts()
    {
        var run = CliRun.Of("instruments", "list", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var phq = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "phq-9");
        Assert.Equal(9, phq.GetProperty("items").GetInt32());
        Assert.Equal("free-with-attribution", phq.GetProperty("licence").GetString());
        Assert.Equal("depression", phq.GetProperty("constructs")[0].GetString());
        Assert.Contains("PHQ-9", phq.GetProperty("title").GetString());
    }

    [Fact]
    public void Show_prints_items_scores_and_bands()
    {
        var run = CliRun.Of("instruments", "show", "phq-9");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Little interest or pleasure", run.Out);
        Assert.Contains("moderately severe", run.Out);
        Assert.Contains("self-harm-thoughts", run.Out);
    }

    [Fact]
    public void Show_of_hearths_own_pulse_says_beside_its_title_that_it_is_not_validated()
    {
        var run = CliRun.Of("instruments", "show", "jdr-pulse");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains("(jdr-pulse 1.0.0)", lines[0]);
        Assert.StartsWith("This is not a validated instrument", lines[1]);
        Assert.Contains("no: written by Hearth", run.Out);
    }

    [Fact]
    public void Show_of_a_validated_instrument_carries_no_such_notice()
    {
        var run = CliRun.Of("instruments", "show", "phq-9");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("not a validated instrument", run.Out);
    }

    [Fact]
    public void Show_prints_each_published_norm_with_its_sample()
    {
        var run = CliRun.Of("instruments", "show", "mbi-hss");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("norm emotional_exhaustion: mean 20.99, SD 10.75; the manual's overall human-services sample (N = 11,067)", run.Out);
        Assert.Contains("norm personal_accomplishment: mean 34.58, SD 7.11", run.Out);
    }

    [Fact]
    public void Show_of_an_unknown_instrument_fails_naming_the_known_ones()
    {
        var run = CliRun.Of("instruments", "show", "nope");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no instrument 'nope'", run.Err);
        Assert.Contains("phq-9", run.Err);
    }

    [Fact]
    public void Validate_accepts_the_shipped_library()
    {
        var run = CliRun.Of("instruments", "validate", CliRun.Instruments);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok:", run.Out);
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Validate_lists_every_problem_and_exits_1()
    {
        using var dir = new TempDir();
        var json = File.ReadAllText(Path.Combine(CliRun.Instruments, "phq-9.json"))
            .Replace("\"items\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]", "\"items\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"12\"]", StringComparison.Ordinal)
            .Replace("{ \"min\": 5, \"max\": 10,", "{ \"min\": 6, \"max\": 10,", StringComparison.Ordinal);
        File.WriteAllText(dir.File("bad.json"), json);
        File.Copy(Path.Combine(CliRun.Instruments, "gad-7.json"), dir.File("gad-7.json"));

        var run = CliRun.Of("instruments", "validate", dir.File("gad-7.json"), dir.File("bad.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ok:", run.Out);
        Assert.Contains("bad.json: $.scores[0].items[8]: unknown item '12'", run.Err);
        Assert.Contains("bad.json: $.scores[0].bands[1].min: gap", run.Err);
    }

    [Fact]
    public void Validate_reports_a_syntax_error_with_its_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("broken.json"), "{\n  \"id\": \"x\"\n  \"version\": \"1\"\n}");
        var run = CliRun.Of("instruments", "validate", dir.File("broken.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("line 3", run.Err);
    }

    [Fact]
    public void Validate_flags_a_file_the_library_would_leave_out_for_its_name()
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(CliRun.Instruments, "gad-7.json"), dir.File("anxiety.json"));
        var run = CliRun.Of("instruments", "validate", dir.File("anxiety.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("must be named 'gad-7.json'", run.Err);
    }

    [Fact]
    public void A_licensed_folder_that_does_not_exist_is_reported()
    {
        var run = CliRun.Of("instruments", "list", "--licensed", "/nonexistent/licensed");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("licensed instrument folder does not exist", run.Err);
    }
}
