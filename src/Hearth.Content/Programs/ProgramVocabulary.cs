namespace Hearth.Content.Programs;

/// <summary>Who a program works on.</summary>
public enum ProgramLevel { Individual, Team, Organisational }

/// <summary>How a program is delivered.</summary>
public enum ProgramFormat { SelfGuided, FacilitatedGroup, ColleagueDyads, Mixed }

/// <summary>How members of a cohort meet each other (see docs/programs.md).</summary>
public enum ProgramGrouping { None, Dyads, CaseRota, Buddies }

/// <summary>
/// The words program.yaml uses for each enum value: the one list the loader checks against, the CLI
/// prints and program.schema.json must match (a test compares them).
/// </summary>
public sealed class Vocabulary<T>(params (string Name, T Value)[] words) where T : struct, Enum
{
    public IReadOnlyList<string> Names { get; } = [.. words.Select(w => w.Name)];

    public bool TryParse(string? name, out T value)
    {
        foreach (var (n, v) in words)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                value = v;
                return true;
            }
        }
        value = default;
        return false;
    }

    public string NameOf(T value) => words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Name;
}

public static class ProgramVocabulary
{
    public static readonly Vocabulary<ProgramLevel> Levels = new(
        ("individual", ProgramLevel.Individual), ("team", ProgramLevel.Team), ("organisational", ProgramLevel.Organisational));

    public static readonly Vocabulary<ProgramFormat> Formats = new(
        ("self-guided", ProgramFormat.SelfGuided), ("facilitated-group", ProgramFormat.FacilitatedGroup),
        ("colleague-dyads", ProgramFormat.ColleagueDyads), ("mixed", ProgramFormat.Mixed));

    public static readonly Vocabulary<ProgramGrouping> Groupings = new(
        ("none", ProgramGrouping.None), ("dyads", ProgramGrouping.Dyads), ("case-rota", ProgramGrouping.CaseRota), ("buddies", ProgramGrouping.Buddies));
}
