using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Hearth.Cli.Tests;

/// <summary>
/// The tool as users install it: compiled ahead of time to native code (README), with the fhir commands handed to
/// the managed build published beside it. Code that works in-process can still break there (reflection a native
/// build cannot do, a serializer trimmed away), so every command runs both ways and must print the same.
/// </summary>
public class NativeBuildTests(NativeBuildTests.Published native) : IClassFixture<NativeBuildTests.Published>
{
    private static string Fixture(string name) => Path.Combine(CliRun.Root, "tests", "Hearth.Statistics.Tests", "Fixtures", name);

    /// <summary>Publishes the native tool once for the class, as the README does (HEARTH_NATIVE_CLI names one already published).</summary>
    public sealed class Published : IDisposable
    {
        private readonly string? _folder;

        public Published()
        {
            if (Environment.GetEnvironmentVariable("HEARTH_NATIVE_CLI") is { Length: > 0 } given)
            {
                Tool = given;
                return;
            }
            _folder = Directory.CreateTempSubdirectory("hearth-native-").FullName;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "publish", Path.Combine(CliRun.Root, "src", "Hearth.Cli"), "-c", "Release", "-r", "linux-x64", "-o", _folder, "-nologo" })
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            PublishLog = output.Result + error.Result;
            Tool = Path.Combine(_folder, "hearth");
        }

        public string Tool { get; }

        public string PublishLog { get; } = "";

        public void Dispose()
        {
            if (_folder is not null)
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }

    private CliRun Native(string[] args)
    {
        Assert.True(File.Exists(native.Tool), $"the native build was not published at {native.Tool}:\n{native.PublishLog}");
        var start = new ProcessStartInfo(native.Tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args.Append("--content").Append(CliRun.Instruments))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["HEARTH_LANGUAGE"] = "en";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    public static TheoryData<string[]> Commands()
    {
        var trial = Fixture("three-arm-trial.csv");
        string[] design = ["--subject", "subject", "--dv", "score", "--within", "time", "--between", "group"];
        return new()
        {
            { ["analyze", trial, .. design, "--format", "json"] },
            { ["analyze", trial, .. design, "--format", "csv"] },
            { ["analyze", trial, .. design, "--format", "html"] },
            { ["analyze", trial, .. design, "--model", "mixed", "--format", "json"] },
            { ["change", Fixture("one-between-one-within.csv"), "--subject", "subject", "--dv", "score", "--wave", "time", "--from", "pre", "--to", "post", "--sd", "6.2", "--reliability", "0.8", "--format", "json"] },
            { ["reliability", Fixture("reliability.csv"), "--format", "json"] },
            { ["did", Fixture("did-balanced.csv"), "--unit", "team", "--time", "month", "--treated", "treated", "--dv", "burnout", "--format", "json"] },
            { ["its", Fixture("its-level-and-slope.csv"), "--time", "month", "--dv", "burnout", "--start", "2026-1", "--format", "json"] },
            { ["instruments", "list", "--format", "json"] },
            { ["instruments", "show", "proqol-5"] },
            { ["instruments", "validate", CliRun.Instruments] },
            { ["programs", "list", "--format", "json"] },
            { ["programs", "validate", Path.Combine(CliRun.Root, "content", "programs")] },
            { ["fhir", "export", "who-5"] },
            { ["analyze", Path.Combine(CliRun.Root, "README.md"), .. design] },
        };
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_native_tool_prints_what_the_tool_prints_in_process(string[] args)
    {
        var expected = CliRun.Of(args);
        var native = Native(args);
        Assert.True(expected.ExitCode == native.ExitCode, $"exit {native.ExitCode} natively, {expected.ExitCode} in process:\n{native.Err}");
        Assert.Equal(WithoutDrawings(expected.Out), WithoutDrawings(native.Out));
        Assert.Equal(expected.Err, native.Err);
        Assert.Equal(expected.Out.Contains("<svg", StringComparison.Ordinal), native.Out.Contains("<svg", StringComparison.Ordinal));
    }

    // A chart's SVG numbers its clip paths process-wide and places text by measuring it: both differ from one
    // process to another without the chart differing. Its numbers are in the report's tables, compared in full.
    private static string WithoutDrawings(string output) => Regex.Replace(output, "<svg.*?</svg>", "<svg/>", RegexOptions.Singleline);

    [Fact]
    public void Scores_and_a_fhir_round_trip_come_out_the_same_natively()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5\nr1,3,4,2,5,1\nr2,0,1,,2,3\n");
        foreach (var format in new[] { "json", "csv" })
        {
            string[] score = ["score", "who-5", "--input", dir.File("in.csv"), "--format", format];
            Assert.Equal(CliRun.Of(score).Out, Native(score).Out);
        }

        // Export natively (through the managed build), import natively, and score the responses as a FHIR Bundle.
        Assert.Equal(0, Native(["fhir", "export", "phq-9", "--output", dir.File("q.json")]).ExitCode);
        var imported = Native(["fhir", "import", dir.File("q.json")]);
        Assert.True(imported.ExitCode == 0, imported.Err);
        Assert.Equal(CliRun.Of("fhir", "import", dir.File("q.json")).Out, imported.Out);
        string[] bundle = ["fhir", "response", "who-5", "--input", dir.File("in.csv")];
        var fromNative = Native(bundle);
        Assert.True(fromNative.ExitCode == 0, fromNative.Err);
        Assert.Contains("\"resourceType\": \"Bundle\"", fromNative.Out, StringComparison.Ordinal);
    }
}
