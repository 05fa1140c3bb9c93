using System.Text.Json.Serialization;

namespace Hearth.Cli;

// JSON for scripts, indented. The writers are generated at compile time: the tool is compiled ahead of time,
// where reflection-built serializers are not available. Field names are part of each command's contract.

/// <summary>Listings, camelCase: <c>hearth instruments list</c> and <c>hearth programs list</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<InstrumentSummary>))]
[JsonSerializable(typeof(List<ProgramSummary>))]
internal sealed partial class CliJson : JsonSerializerContext;

/// <summary>Statistics, snake_case like <c>hearth analyze</c>: <c>hearth change</c> and <c>hearth reliability</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ChangeReport))]
[JsonSerializable(typeof(ReliabilityReport))]
internal sealed partial class CliStatisticsJson : JsonSerializerContext;

internal sealed record InstrumentSummary(string Id, string Title, IReadOnlyList<string> Constructs, int Items, string Licence, bool Administrable);

internal sealed record ProgramSummary(string Id, string Title, string Level, string Format, int Sessions, bool Ongoing);

internal sealed record ChangeReport(double BaselineSd, double Reliability, double SDiff, double? CriterionC, IReadOnlyList<string> ExcludedSubjects,
    IReadOnlyList<SubjectChange> Subjects);

internal sealed record SubjectChange(string Subject, double Before, double After, double Rci, string Change, bool? ClinicallySignificant);

internal sealed record ReliabilityReport(int N, int K, int ExcludedRows, double Alpha, double AlphaCiLower, double AlphaCiUpper, IReadOnlyList<ItemReliability> Items);

internal sealed record ItemReliability(string Item, double? ItemTotalCorrelation, double? AlphaIfDeleted);
