using System.Text.Json;
using Hearth.Content.Evaluation;
using Hearth.Statistics.Evaluation;

namespace Hearth.Statistics.Tests;

/// <summary>The difference-in-differences (did-*) and interrupted time series (its-*) data and what R made of them (tools/stats-reference/evaluation.R).</summary>
internal static class EvaluationFixture
{
    public static bool IsEvaluation(string name) => name.StartsWith("did-", StringComparison.Ordinal) || name.StartsWith("its-", StringComparison.Ordinal);

    public static IEnumerable<string> Named(string prefix) =>
        Directory.EnumerateFiles(Fixture.Directory, prefix + "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).Order(StringComparer.Ordinal);

    public static JsonElement Expected(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture.Directory, name + ".expected.json"))).RootElement;

    public static string Csv(string name) => Path.Combine(Fixture.Directory, name + ".csv");

    public static PanelData Panel(string name)
    {
        var args = Expected(name).GetProperty("args");
        string Arg(string key) => args.GetProperty(key).GetString()!;
        using var reader = new StreamReader(Csv(name));
        var read = PanelCsv.Read(reader, name, new PanelColumns(Arg("unit"), Arg("time"), Arg("treated"), Arg("dv")));
        return read.Data ?? throw new InvalidOperationException(string.Join("\n", read.Problems));
    }

    public static TimeSeriesCsv.Result Series(string name)
    {
        var args = Expected(name).GetProperty("args");
        using var reader = new StreamReader(Csv(name));
        var read = TimeSeriesCsv.Read(reader, name, args.GetProperty("time").GetString()!, args.GetProperty("dv").GetString()!, args.GetProperty("start").GetString()!);
        return read.Values is null ? throw new InvalidOperationException(string.Join("\n", read.Problems)) : read;
    }

    /// <summary>Every number of R's test of one coefficient against ours, relatively to 1e-9; the largest relative error.</summary>
    public static double Matches(JsonElement expected, EffectEstimate actual, string what)
    {
        var errors = new[]
        {
            Close.Relative(expected.GetProperty("estimate").GetDouble(), actual.Estimate, $"{what} estimate"),
            Close.Relative(expected.GetProperty("se").GetDouble(), actual.StandardError, $"{what} se"),
            Close.Relative(expected.GetProperty("df").GetDouble(), actual.Df, $"{what} df"),
            Close.Relative(expected.GetProperty("t").GetDouble(), actual.T, $"{what} t"),
            Close.Relative(expected.GetProperty("p").GetDouble(), actual.P, $"{what} p"),
            Close.Relative(expected.GetProperty("ci_lower").GetDouble(), actual.CiLower, $"{what} CI lower"),
            Close.Relative(expected.GetProperty("ci_upper").GetDouble(), actual.CiUpper, $"{what} CI upper"),
        };
        return errors.Max();
    }
}
