using Hearth.Core.Instruments;
using Hearth.Core.Persistence;
using Hearth.Statistics.Change;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measurements;

public sealed record ScorePoint(DateTimeOffset At, double Value, string? Band);

/// <summary>One score of one instrument over time, for one person: the latest value, its meaning and the change since last time.</summary>
public sealed record ScoreHistory(
    InstrumentDefinition Instrument,
    ScoreDefinition Score,
    IReadOnlyList<ScorePoint> Points,
    ScoreBand? LatestBand,
    double? ChangeSinceLast,
    ChangeDirection? ReliableChange);

/// <summary>
/// A person's own results. Every query is filtered by the owner's id here, in the query layer: no
/// caller can ask for someone else's rows through it.
/// </summary>
public sealed class ResultsQuery(HearthDbContext db, InstrumentCatalog catalog)
{
    public async Task<IReadOnlyList<Measurement>> MeasurementsOfAsync(string ownerId, CancellationToken cancellationToken = default) =>
        await db.Measurements.AsNoTracking().Include(m => m.Scores)
            .Where(m => m.UserId == ownerId)
            .OrderBy(m => m.SubmittedAt)
            .ToListAsync(cancellationToken);

    public async Task<Measurement?> MeasurementAsync(string ownerId, long id, CancellationToken cancellationToken = default) =>
        await db.Measurements.AsNoTracking().Include(m => m.Scores)
            .FirstOrDefaultAsync(m => m.Id == id && m.UserId == ownerId, cancellationToken);

    public async Task<IReadOnlyList<ScoreHistory>> HistoryOfAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        var measurements = await MeasurementsOfAsync(ownerId, cancellationToken);
        var histories = new List<ScoreHistory>();
        foreach (var group in measurements.GroupBy(m => m.InstrumentId))
        {
            if (catalog.Find(group.Key) is not { } instrument)
            {
                continue;
            }
            foreach (var score in instrument.Scores)
            {
                var points = group.SelectMany(m => m.Scores.Where(s => s.ScoreId == score.Id && s.Value is not null)
                        .Select(s => new ScorePoint(m.SubmittedAt, s.Value!.Value, s.Band)))
                    .OrderBy(p => p.At).ToList();
                if (points.Count == 0)
                {
                    continue;
                }
                var latest = points[^1];
                double? change = points.Count > 1 ? latest.Value - points[^2].Value : null;
                ChangeDirection? reliable = null;
                if (change is not null && score.Reliability is { } reliability
                    && (reliability.Sd ?? await BaselineSdAsync(instrument.Id, score.Id, cancellationToken)) is { } sd)
                {
                    var sDiff = ReliableChange.StandardErrorOfDifference(sd, reliability.Coefficient);
                    reliable = ReliableChange.Assess("", points[^2].Value, latest.Value, sDiff, score.HigherIsBetter).Change;
                }
                histories.Add(new ScoreHistory(instrument, score, points, score.Bands.FirstOrDefault(b => b.Label == latest.Band), change, reliable));
            }
        }
        return histories;
    }

    /// <summary>People whose first score the reference SD needs, at the least.</summary>
    public const int MinimumReferenceGroup = 30;

    /// <summary>
    /// The reference SD for the reliable change index when the instrument file gives none: the SD of
    /// everyone's first score in this organisation (Jacobson &amp; Truax use the pre-treatment SD of the
    /// sample). Only an aggregate leaves this method, and only from at least 30 people.
    /// </summary>
    private async Task<double?> BaselineSdAsync(string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => m.InstrumentId == instrumentId)
            .SelectMany(m => m.Scores.Where(s => s.ScoreId == scoreId && s.Value != null), (m, s) => new { m.UserId, m.SubmittedAt, s.Value })
            .ToListAsync(cancellationToken);
        var firsts = rows.GroupBy(r => r.UserId).Select(g => g.OrderBy(r => r.SubmittedAt).First().Value!.Value).ToList();
        if (firsts.Count < MinimumReferenceGroup)
        {
            return null;
        }
        var sd = MathNet.Numerics.Statistics.Statistics.StandardDeviation(firsts);
        return sd > 0 ? sd : null;
    }
}
