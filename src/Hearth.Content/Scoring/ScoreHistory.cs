using Hearth.Content.Instruments;
using Hearth.Statistics.Change;

namespace Hearth.Content.Scoring;

public sealed record ScorePoint(DateTimeOffset At, double Value, string? Band);

/// <summary>Which of an instrument's scores a person's results show.</summary>
public static class ShownScores
{
    /// <summary>
    /// Every score except the plain sum or mean of items that another score rescales (WHO-5's raw 0–25
    /// beside its 0–100 percentage): one chart per thing measured, on the scale its bands are written in.
    /// </summary>
    public static IEnumerable<ScoreDefinition> Of(InstrumentDefinition instrument) =>
        instrument.Scores.Where(score => !instrument.Scores.Any(other => IsRescalingOf(other, score)));

    private static bool IsRescalingOf(ScoreDefinition other, ScoreDefinition score) =>
        other.Id != score.Id && score.Transform is null && other.Transform is { } transform && transform.Base == score.Method
        && other.Items.Order(StringComparer.Ordinal).SequenceEqual(score.Items.Order(StringComparer.Ordinal), StringComparer.Ordinal);
}

/// <summary>One score of one instrument over time, for one person: the latest value, its meaning and the change since last time.</summary>
public sealed record ScoreHistory(
    InstrumentDefinition Instrument,
    ScoreDefinition Score,
    IReadOnlyList<ScorePoint> Points,
    ScoreBand? LatestBand,
    double? ChangeSinceLast,
    ChangeDirection? ReliableChange);
