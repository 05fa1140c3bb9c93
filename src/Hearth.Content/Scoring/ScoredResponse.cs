using Hearth.Content.Instruments;

namespace Hearth.Content.Scoring;

/// <summary>One score of one response: null when too many of its items were left unanswered.</summary>
public sealed record ScoreValue(ScoreDefinition Score, double? Value, ScoreBand? Band, int Answered);

public sealed record ScoredResponse(
    InstrumentDefinition Instrument,
    IReadOnlyDictionary<string, double> Answers,
    IReadOnlyList<ScoreValue> Scores,
    IReadOnlyList<SafetyRule> TriggeredSafetyRules)
{
    public ScoreValue? Find(string scoreId) => Scores.FirstOrDefault(s => s.Score.Id == scoreId);
}
