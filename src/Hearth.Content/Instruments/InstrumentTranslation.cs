using System.Text.Json.Serialization;

namespace Hearth.Content.Instruments;

/// <summary>
/// A questionnaire's validated translation into one language: every word a respondent reads (title,
/// instructions, items, answer labels), with where that translation comes from and its licence. A file
/// <c>content/instruments/translations/&lt;id&gt;.&lt;language&gt;.json</c>, or one an organisation uploads for
/// a translation it holds a licence to. It never changes how the questionnaire is scored: it is keyed by
/// the instrument's item ids and answer values, and checked against them (<see cref="InstrumentTranslations.Check"/>).
/// </summary>
public sealed record InstrumentTranslation
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The id of the instrument translated.</summary>
    public required string Instrument { get; init; }
    /// <summary>A language tag: <c>ru</c>, <c>es-US</c>.</summary>
    public required string Language { get; init; }
    public required string Title { get; init; }
    public string? Instructions { get; init; }
    /// <summary>Where the validated text comes from (the published document), in words a reviewer can find it by.</summary>
    public required string Source { get; init; }
    public required InstrumentLicence Licence { get; init; }
    /// <summary>Each item's text, by the instrument's item id.</summary>
    public IReadOnlyDictionary<string, string> Items { get; set; } = new Dictionary<string, string>();
    /// <summary>Each answer's label, by response scale id, then by the answer's value as written in the key ("0", "1" …).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Options { get; set; } = new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>Optional: band labels and meanings, by score id, then by the band's label in the instrument file.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, BandText>> Bands { get; set; } = new Dictionary<string, IReadOnlyDictionary<string, BandText>>();
    /// <summary>Where the band texts come from when not from the same source (Hearth's own words, say).</summary>
    public string? BandsSource { get; init; }
}

/// <summary>A band's label and meaning in another language.</summary>
public sealed record BandText
{
    public required string Label { get; init; }
    public string? Description { get; init; }
}
