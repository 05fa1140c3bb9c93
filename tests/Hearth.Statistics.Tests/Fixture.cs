using System.Text.Json;
using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;

namespace Hearth.Statistics.Tests;

/// <summary>A dataset and the results R computed for it (tools/stats-reference/generate.R).</summary>
internal sealed class Fixture
{
    public static string Directory { get; } = Hearth.Tests.RepoRoot.Combine("tests", "Hearth.Statistics.Tests", "Fixtures");

    /// <summary>The names of the lme4 fixtures (NAME.lmer.json) fitted with one model: "mixed" or "stepped_wedge".</summary>
    public static IEnumerable<string> LmerFixtures(string model) =>
        System.IO.Directory.EnumerateFiles(Directory, "*.lmer.json")
            .Where(path =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(path));
                return json.RootElement.GetProperty("model").GetString() == model;
            })
            .Select(path => Path.GetFileName(path)[..^".lmer.json".Length])
            .Order(StringComparer.Ordinal);

    /// <summary>The repeated-measures ANOVA fixtures (not α's, nor the evaluations', which have their own shape).</summary>
    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory, "*.expected.json")
            .Select(f => Path.GetFileName(f)[..^".expected.json".Length])
            .Where(n => n != "reliability" && !EvaluationFixture.IsEvaluation(n))
            .Order(StringComparer.Ordinal);

    private Fixture(string name)
    {
        Name = name;
        Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".expected.json"))).RootElement;
        var args = Expected.GetProperty("args");
        Design = new AnalysisDesign(
            args.GetProperty("subject").GetString()!,
            args.GetProperty("dv").GetString()!,
            [.. args.GetProperty("within").EnumerateArray().Select(e => e.GetString()!)],
            [.. args.GetProperty("between").EnumerateArray().Select(e => e.GetString()!)]);
        CsvPath = Path.Combine(Directory, name + ".csv");
    }

    public string Name { get; }
    public JsonElement Expected { get; }
    public AnalysisDesign Design { get; }
    public string CsvPath { get; }

    public static Fixture Load(string name) => new(name);

    public RepeatedMeasuresData Data()
    {
        using var reader = new StreamReader(CsvPath);
        var result = LongFormatCsv.Read(reader, CsvPath, Design);
        return result.Data ?? throw new InvalidOperationException(string.Join("\n", result.Problems));
    }
}

internal static class Close
{
    /// <summary>Relative error 1e-9 however small the value (p-values of 1e-30 included); returns the relative error.</summary>
    public static double Relative(double expected, double actual, string what)
    {
        var error = expected == actual ? 0 : Math.Abs(expected - actual) / Math.Abs(expected);
        Assert.True(error <= 1e-9, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:E2})");
        return error;
    }

    /// <summary>Relative error 1e-9 (for values near zero, absolute 1e-9): the precision promised against R.</summary>
    public static void Equal(double expected, double actual, string what)
    {
        var ok = Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)) || Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected);
        Assert.True(ok, $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");
    }
}
