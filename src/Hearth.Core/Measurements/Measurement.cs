namespace Hearth.Core.Measurements;

public enum MeasurementKind
{
    /// <summary>The short pulse the organisation chose.</summary>
    CheckIn,
    /// <summary>A full questionnaire.</summary>
    Questionnaire,
}

/// <summary>
/// One completed questionnaire of one person: the published values of their answers and the scores
/// computed from them. Readable by its owner only; aggregates never include a safety flag.
/// </summary>
public sealed class Measurement : Rules.IOwnedByUser
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string InstrumentId { get; set; }
    public required string InstrumentVersion { get; set; }
    public MeasurementKind Kind { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    /// <summary>linkId → published value, as JSON.</summary>
    public required string AnswersJson { get; set; }
    public List<MeasurementScore> Scores { get; set; } = [];
    /// <summary>Ids of safety rules that fired; shown to the person at once, never to anyone else.</summary>
    public string? SafetyRules { get; set; }
}

public sealed class MeasurementScore
{
    public long Id { get; set; }
    public long MeasurementId { get; set; }
    public required string ScoreId { get; set; }
    public double? Value { get; set; }
    public string? Band { get; set; }
}
