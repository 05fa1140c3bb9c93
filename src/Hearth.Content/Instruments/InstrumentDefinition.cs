using System.Text.Json.Serialization;

namespace Hearth.Content.Instruments;

/// <summary>
/// One questionnaire as data: its items, response scales, scoring key, interpretation bands and
/// safety rules. The shape mirrors <c>content/instruments/instrument.schema.json</c>;
/// docs/instruments.md explains each field.
/// </summary>
/// <remarks>
/// A field with a default other than nothing (<c>validated</c>, the lists) has a setter rather than an init
/// accessor: the compile-time JSON reader (<see cref="InstrumentJson"/>) sets every init-only field when it builds
/// the object, and would overwrite the default of a field the file leaves out. Treat a loaded definition as
/// read-only; change one with <c>with</c>.
/// </remarks>
public sealed record InstrumentDefinition
{
    /// <summary>An editor hint pointing at the JSON Schema; not part of the definition's meaning.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Constructs { get; set; } = [];
    public string? RecallPeriod { get; init; }
    public string? Instructions { get; init; }
    public required string Citation { get; init; }
    public required InstrumentLicence Licence { get; init; }
    public IReadOnlyList<string> Languages { get; set; } = ["en"];
    public string? Loinc { get; init; }

    /// <summary>
    /// False for a questionnaire Hearth wrote itself: it has no published evidence of reliability,
    /// validity or norms, so wherever it is shown Hearth says so (<see cref="NotValidated"/>).
    /// </summary>
    public bool Validated { get; set; } = true;

    public IReadOnlyList<ResponseScale> ResponseScales { get; set; } = [];
    public IReadOnlyList<InstrumentItem> Items { get; set; } = [];
    public IReadOnlyList<ScoreDefinition> Scores { get; set; } = [];
    public IReadOnlyList<SafetyRule> SafetyRules { get; set; } = [];

    /// <summary>
    /// A licensed instrument ships as its scoring key only; it can be administered once an
    /// organisation has loaded its licensed copy, which carries the item text.
    /// </summary>
    [JsonIgnore]
    public bool CanBeAdministered => Items.Count > 0 && Items.All(i => !string.IsNullOrWhiteSpace(i.Text));

    /// <summary>Validated translations by language tag, laid on by the catalog (never part of the instrument's own file).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, InstrumentTranslation> Translations { get; init; } = new Dictionary<string, InstrumentTranslation>();

    /// <summary>
    /// The translation a reader of <paramref name="language"/> gets: none when the questionnaire is written
    /// in their language; else the one in exactly their language, else one in the same language for
    /// another country (es-US for es-MX). Null means the original text.
    /// </summary>
    public InstrumentTranslation? TranslationFor(string language)
    {
        if (WrittenIn(language))
        {
            return null;
        }
        return Translations.Values.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase))
            ?? Translations.Values.OrderBy(t => t.Language, StringComparer.Ordinal).FirstOrDefault(t => LanguageTag.SameLanguage(t.Language, language));
    }

    /// <summary>Whether the questionnaire itself is written in <paramref name="language"/> (for any country).</summary>
    public bool WrittenIn(string language) => Languages.Any(l => LanguageTag.SameLanguage(l, language));

    /// <summary>Whether a reader of <paramref name="language"/> reads it in their own language: the original's, or a validated translation.</summary>
    public bool ReadableIn(string language) => WrittenIn(language) || TranslationFor(language) is not null;

    /// <summary>The questionnaire as a reader of <paramref name="language"/> is shown it (see <see cref="TranslationFor"/>).</summary>
    public InstrumentDefinition In(string language) =>
        TranslationFor(language) is { } translation ? InstrumentTranslations.Apply(this, translation) : this;

    /// <summary>The title a reader of <paramref name="language"/> sees.</summary>
    public string TitleIn(string language) => TranslationFor(language)?.Title ?? Title;

    /// <summary>A band's label and meaning as a reader of <paramref name="language"/> sees them (the original's where not translated).</summary>
    public BandText BandIn(string language, string scoreId, ScoreBand band) =>
        TranslationFor(language)?.Bands.GetValueOrDefault(scoreId)?.GetValueOrDefault(band.Label) is { } translated
            ? translated with { Description = translated.Description ?? band.Description }
            : new BandText { Label = band.Label, Description = band.Description };

    public InstrumentItem? FindItem(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);

    public ResponseScale? FindScale(string scaleId) => ResponseScales.FirstOrDefault(s => s.Id == scaleId);
}

public sealed record InstrumentLicence
{
    public required LicenceKind Kind { get; init; }
    /// <summary>The terms in words, as the copyright holder states them.</summary>
    public required string Terms { get; init; }
    public string? Holder { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LicenceKind>))]
public enum LicenceKind
{
    [JsonStringEnumMemberName("public-domain")] PublicDomain,
    [JsonStringEnumMemberName("free-with-attribution")] FreeWithAttribution,
    [JsonStringEnumMemberName("free-non-commercial")] FreeNonCommercial,
    [JsonStringEnumMemberName("licence-required")] LicenceRequired,
}

public sealed record ResponseScale
{
    public required string Id { get; init; }
    public IReadOnlyList<ResponseOption> Options { get; set; } = [];
}

/// <summary>
/// One labelled answer. <see cref="Value"/> is the number the published key gives this answer
/// (before any reverse keying); a nominal option (e.g. a category) has none and cannot be scored.
/// </summary>
public sealed record ResponseOption
{
    public double? Value { get; init; }
    public required string Label { get; init; }
}

public sealed record InstrumentItem
{
    /// <summary>The item number in published order: "1" … "N".</summary>
    public required string LinkId { get; init; }
    /// <summary>Absent in key-only definitions of licensed instruments.</summary>
    public string? Text { get; init; }
    public required string Scale { get; init; }
    /// <summary>Scored as (scale minimum + scale maximum − value).</summary>
    public bool Reverse { get; init; }
    public string? Loinc { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ScoreMethod>))]
public enum ScoreMethod
{
    [JsonStringEnumMemberName("sum")] Sum,
    [JsonStringEnumMemberName("mean")] Mean,
    /// <summary>A sum or mean, then multiplied and shifted (WHO-5: raw sum × 4).</summary>
    [JsonStringEnumMemberName("linear")] Linear,
}

public sealed record ScoreDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Items { get; set; } = [];
    public required ScoreMethod Method { get; init; }
    public LinearTransform? Transform { get; init; }
    /// <summary>Absent: the project default (80% of items, prorated; all items on scales of six or fewer).</summary>
    public MissingItemRule? Missing { get; init; }
    /// <summary>True when a higher score means better functioning (wellbeing, resilience).</summary>
    public bool HigherIsBetter { get; init; }
    public IReadOnlyList<ScoreBand> Bands { get; set; } = [];
    public ScoreReliability? Reliability { get; init; }
    /// <summary>A published reference sample's mean and SD, so a score can be read against it; absent where none is published.</summary>
    public ScoreNorm? Norm { get; init; }
    public string? Loinc { get; init; }
}

public sealed record LinearTransform
{
    /// <summary>The aggregate the transform starts from: <c>sum</c> or <c>mean</c>.</summary>
    public required ScoreMethod Base { get; init; }
    public double Multiply { get; set; } = 1;
    public double Add { get; init; }
}

public sealed record MissingItemRule
{
    /// <summary>The fewest answered items that still give a score.</summary>
    public required int MinAnswered { get; init; }
    /// <summary>
    /// A sum prorated for missing items is rounded to the nearest whole number (halves up) before it is
    /// banded, where the published rule says so (the PHQ-9's).
    /// </summary>
    public bool RoundProrated { get; init; }
    /// <summary>Where the rule comes from (a published manual, or the project default).</summary>
    public string? Source { get; init; }
}

/// <summary>
/// An interpretation band: <c>min ≤ score &lt; max</c>, except the last band, which includes its
/// <c>max</c> (the highest possible score). Bands are listed from the lowest score up and must
/// cover the score's whole range without gaps or overlaps.
/// </summary>
public sealed record ScoreBand
{
    public required double Min { get; init; }
    public required double Max { get; init; }
    public required string Label { get; init; }
    public required BandSeverity Severity { get; init; }
    /// <summary>What the band means, in plain language, for the person who answered.</summary>
    public string? Description { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<BandSeverity>))]
public enum BandSeverity
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("mild")] Mild,
    [JsonStringEnumMemberName("moderate")] Moderate,
    [JsonStringEnumMemberName("severe")] Severe,
}

public sealed record ScoreReliability
{
    /// <summary>Cronbach's α or a test–retest correlation, used for the reliable change index.</summary>
    public required double Coefficient { get; init; }
    public required string Kind { get; init; }
    public required string Source { get; init; }
    /// <summary>The SD of a reference sample, which the reliable change index needs; absent where none is published.</summary>
    public double? Sd { get; init; }
}

/// <summary>
/// A published reference sample for a score: its mean and standard deviation, where they were
/// published (<see cref="Source"/>) and who was in the sample (<see cref="Sample"/>).
/// </summary>
public sealed record ScoreNorm
{
    public required double Mean { get; init; }
    public required double Sd { get; init; }
    public required string Source { get; init; }
    public required string Sample { get; init; }
}

/// <summary>
/// An answer that signals risk. When it fires, the person sees crisis resources at once; the flag
/// is theirs alone and is never reported to an employer.
/// </summary>
public sealed record SafetyRule
{
    public required string Id { get; init; }
    public required string Item { get; init; }
    public required SafetyOperator Operator { get; init; }
    /// <summary>Compared with the published value of the answer, before reverse keying.</summary>
    public required double Value { get; init; }
    public string? Message { get; init; }

    public bool IsTriggeredBy(double answer) => Operator switch
    {
        SafetyOperator.GreaterThan => answer > Value,
        SafetyOperator.GreaterOrEqual => answer >= Value,
        SafetyOperator.Equal => answer == Value,
        SafetyOperator.LessOrEqual => answer <= Value,
        SafetyOperator.LessThan => answer < Value,
        _ => false,
    };
}

[JsonConverter(typeof(JsonStringEnumConverter<SafetyOperator>))]
public enum SafetyOperator
{
    [JsonStringEnumMemberName("gt")] GreaterThan,
    [JsonStringEnumMemberName("gte")] GreaterOrEqual,
    [JsonStringEnumMemberName("eq")] Equal,
    [JsonStringEnumMemberName("lte")] LessOrEqual,
    [JsonStringEnumMemberName("lt")] LessThan,
}
