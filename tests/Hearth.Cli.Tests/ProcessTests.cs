using System.Diagnostics;
using System.Text.Json;

namespace Hearth.Cli.Tests;

/// <summary>The built tool as a separate process: real standard output, real exit codes.</summary>
public class ProcessTests
{
    private static (int ExitCode, string Out, string Err) Hearth(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hearth.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Scores_reach_standard_output_as_valid_json()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5,6,7,8,9\nr1,3,3,3,3,3,3,3,3,0\n");
        var (code, output, _) = Hearth("score", "phq-9", "--input", dir.File("in.csv"), "--content", CliRun.Instruments);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(24, doc.RootElement[0].GetProperty("scores").GetProperty("total").GetProperty("value").GetDouble());
    }

    [Fact]
    public void Bad_input_exits_1_and_prints_nothing_on_standard_output()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5,6,7,8,9\nr1,3,3,3,3,3,3,3,3,0\nr2,3,3,3,3,3,3,3,3,5\n");
        var (code, output, error) = Hearth("score", "phq-9", "--input", dir.File("in.csv"), "--content", CliRun.Instruments);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("line 3, column '9'", error);
    }

    [Fact]
    public void The_shipped_library_travels_with_the_tool()
    {
        var (code, output, _) = Hearth("instruments", "list", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        // Every file of the library, Hearth's own pulse among them, and none left out for a problem.
        var shipped = Directory.EnumerateFiles(CliRun.Instruments, "*.json").Count(f => !f.EndsWith(".schema.json", StringComparison.Ordinal));
        Assert.Equal(shipped, doc.RootElement.GetArrayLength());
        Assert.Contains(doc.RootElement.EnumerateArray(), i => i.GetProperty("id").GetString() == "jdr-pulse");
    }
}
