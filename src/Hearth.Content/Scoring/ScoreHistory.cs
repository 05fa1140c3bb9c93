using Hearth.Content.Instruments;
using Hearth.Statistics.Change;

namespace Hearth.Content.Scoring;

public sealed record ScorePoint(DateTimeOffset At, double Value, string? Band);

/// <summary>One score of one instrument over time, for one person: the latest value, its meaning and the change since last time.</summary>
public sealed record ScoreHistory(
    InstrumentDefinition Instrument,
    ScoreDefinition Score,
    IReadOnlyList<ScorePoint> Points,
    ScoreBand? LatestBand,
    double? ChangeSinceLast,
    ChangeDirection? ReliableChange);
