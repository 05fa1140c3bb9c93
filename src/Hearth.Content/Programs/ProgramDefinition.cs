namespace Hearth.Content.Programs;

/// <summary>
/// A structured intervention as data: <c>content/programs/&lt;id&gt;/program.yaml</c> plus one Markdown
/// file per session (<c>sessions/NN-slug.md</c>, front matter + body). docs/programs.md explains each field.
/// </summary>
public sealed class ProgramDefinition
{
    public string Id { get; set; } = "";
    public string Version { get; set; } = "";
    /// <summary>The language the program is written in (a tag such as <c>en</c> or <c>es-MX</c>); English when left out.</summary>
    public string Language { get; set; } = "en";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>individual | team | organisational, as written in program.yaml (checked by the loader).</summary>
    [YamlDotNet.Serialization.YamlMember(Alias = "level")]
    public string LevelName { get; set; } = "";

    /// <summary>The level, set by the loader once <see cref="LevelName"/> is known good.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public ProgramLevel Level { get; set; }
    /// <summary>The theory the program rests on, in words.</summary>
    public string Theory { get; set; } = "";
    /// <summary>The mechanism of change it targets, in words.</summary>
    public string Mechanism { get; set; } = "";
    /// <summary>self-guided | facilitated-group | colleague-dyads | mixed, as written in program.yaml.</summary>
    [YamlDotNet.Serialization.YamlMember(Alias = "format")]
    public string FormatName { get; set; } = "";

    [YamlDotNet.Serialization.YamlIgnore]
    public ProgramFormat Format { get; set; }
    /// <summary>
    /// How members meet each other: none | dyads (new partner each session, round-robin) |
    /// case-rota (one member presents a case each meeting) | buddies (a standing partner between meetings).
    /// </summary>
    [YamlDotNet.Serialization.YamlMember(Alias = "grouping")]
    public string GroupingName { get; set; } = "none";

    [YamlDotNet.Serialization.YamlIgnore]
    public ProgramGrouping Grouping { get; set; }
    public ProgramCadence Cadence { get; set; } = new();
    /// <summary>Instrument scores the program aims to change, as <c>instrument/score</c> (e.g. <c>mspss/total</c>).</summary>
    public List<string> Outcomes { get; set; } = [];
    public List<MeasurementPoint> MeasurementPoints { get; set; } = [];
    public FacilitatorRequirements Facilitator { get; set; } = new();
    /// <summary>When to suggest the program to a clinician, from their latest scores.</summary>
    public List<Recommendation> RecommendWhen { get; set; } = [];
    /// <summary>Where the program's approach comes from (published sources), in words.</summary>
    public List<string> References { get; set; } = [];

    /// <summary>Loaded from the session files, not from program.yaml.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<SessionDefinition> Sessions { get; set; } = [];

    /// <summary>The program in other languages, by language tag (loaded from <c>translations/</c>).</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public SortedDictionary<string, ProgramTranslation> Translations { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every language the program can be run in: its own first, then its translations.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public IReadOnlyList<string> Languages => [Language, .. Translations.Keys];

    /// <summary>The translation into <paramref name="language"/>, or null for the program's own language or one it lacks.</summary>
    public ProgramTranslation? In(string? language) =>
        language is not null && Translations.TryGetValue(language, out var translation) ? translation : null;

    /// <summary>The session files in <paramref name="language"/>, or the original's when the program has no such translation.</summary>
    public IReadOnlyList<SessionDefinition> SessionsIn(string? language) => In(language)?.Sessions ?? Sessions;

    /// <summary>The title in <paramref name="language"/> where translated.</summary>
    public string TitleIn(string? language) => In(language)?.Title ?? Title;

    /// <summary>The summary in <paramref name="language"/> where translated.</summary>
    public string SummaryIn(string? language) => In(language)?.Summary ?? Summary;

    /// <summary>A recommendation's reason in <paramref name="language"/> where translated (matched by its place in recommend_when).</summary>
    public string ReasonIn(string? language, string reason)
    {
        var index = RecommendWhen.FindIndex(r => r.Reason == reason);
        return In(language) is { } translation && index >= 0 && index < translation.RecommendReasons.Count ? translation.RecommendReasons[index] : reason;
    }

    /// <summary>Whether the program can be run in <paramref name="language"/>.</summary>
    public bool Offers(string language) =>
        string.Equals(language, Language, StringComparison.OrdinalIgnoreCase) || Translations.ContainsKey(language);
}

public sealed class ProgramCadence
{
    /// <summary>Days between sessions (7 weekly, 14 fortnightly; 1 for a daily practice program).</summary>
    public int IntervalDays { get; set; }
    /// <summary>Number of sessions; absent for an ongoing program, whose session files form one repeating meeting pattern.</summary>
    public int? Sessions { get; set; }
    public int SessionMinutes { get; set; }
    public bool Ongoing { get; set; }
}

/// <summary>A default measurement wave, in days from the first session (negative: before it).</summary>
public sealed class MeasurementPoint
{
    public string Name { get; set; } = "";
    public int OffsetDays { get; set; }
}

public sealed class FacilitatorRequirements
{
    public bool Required { get; set; }
    public string Requirements { get; set; } = "";
}

/// <summary>Suggest the program when the score falls in one of these bands; the reason is shown to the person.</summary>
public sealed class Recommendation
{
    public string Score { get; set; } = "";
    public List<string> Bands { get; set; } = [];
    public string Reason { get; set; } = "";
}

/// <summary>One session: front matter (goals, exercises, homework, facilitator notes) and Markdown body for participants.</summary>
public sealed class SessionDefinition
{
    public int Number { get; set; }
    public string Title { get; set; } = "";
    public List<string> Goals { get; set; } = [];
    public List<Exercise> Exercises { get; set; } = [];
    public List<HomeworkAssignment> Homework { get; set; } = [];
    /// <summary>For the facilitator only; never shown to participants.</summary>
    public string FacilitatorNotes { get; set; } = "";

    [YamlDotNet.Serialization.YamlIgnore]
    public string Body { get; set; } = "";

    [YamlDotNet.Serialization.YamlIgnore]
    public string File { get; set; } = "";
}

public sealed class Exercise
{
    public string Title { get; set; } = "";
    public int Minutes { get; set; }
    public string Instructions { get; set; } = "";
}

public sealed class HomeworkAssignment
{
    public string Title { get; set; } = "";
    public string Instructions { get; set; } = "";
    public string ReflectionPrompt { get; set; } = "";
}
