using Hearth.Content.Instruments;
using Hearth.Content.Scoring;
using Hearth.Core.Persistence;
using Hearth.Statistics.Change;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Hearth.Core.Measurements;

/// <summary>
/// A person's own results. Every query is filtered by the owner's id here, in the query layer: no
/// caller can ask for someone else's rows through it.
/// </summary>
public sealed class ResultsQuery(HearthDbContext db, InstrumentCatalog catalog, Microsoft.Extensions.Caching.Memory.IMemoryCache? cache = null)
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
        // Only the scores, never the (encrypted) answers: /results is the page people open most, and a
        // year of weekly check-ins is a year of answer payloads it has no use for.
        var rows = await (from m in db.Measurements.AsNoTracking()
                          where m.UserId == ownerId
                          from s in m.Scores
                          where s.Value != null
                          select new { m.InstrumentId, m.SubmittedAt, s.ScoreId, s.Value, s.Band }).ToListAsync(cancellationToken);
        var histories = new List<ScoreHistory>();
        foreach (var group in rows.GroupBy(r => r.InstrumentId).OrderBy(g => g.Min(r => r.SubmittedAt)))
        {
            if (catalog.Find(group.Key) is not { } instrument)
            {
                continue;
            }
            foreach (var score in ShownScores.Of(instrument))
            {
                var points = group.Where(r => r.ScoreId == score.Id)
                    .Select(r => new ScorePoint(r.SubmittedAt, r.Value!.Value, r.Band))
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

    /// <summary>How long a reference SD is reused: it moves slowly, and /results is the page people open most.</summary>
    public static readonly TimeSpan ReferenceSdLifetime = TimeSpan.FromMinutes(10);

    private async Task<double?> BaselineSdAsync(string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return await ReferenceSdAsync(instrumentId, scoreId, cancellationToken);
        }
        return await cache.GetOrCreateAsync(("reference-sd", instrumentId, scoreId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ReferenceSdLifetime;
            return ReferenceSdAsync(instrumentId, scoreId, cancellationToken);
        });
    }

    /// <summary>
    /// The reference SD for the reliable change index when the instrument file gives none: the sample SD
    /// of everyone's first score in this organisation (Jacobson &amp; Truax use the pre-treatment SD of the
    /// sample). Computed in the database, which returns only n, Σx and Σx² of those first scores; only an
    /// aggregate leaves this method, and only from at least 30 people.
    /// </summary>
    public async Task<double?> ReferenceSdAsync(string instrumentId, string scoreId, CancellationToken cancellationToken = default)
    {
        // A person's first scored measurement: no earlier one (by time, then id) of theirs has this score.
        var firsts =
            from m in db.Measurements
            where m.InstrumentId == instrumentId
            from s in m.Scores
            where s.ScoreId == scoreId && s.Value != null
            where !db.Measurements.Any(e => e.UserId == m.UserId && e.InstrumentId == instrumentId
                && (e.SubmittedAt < m.SubmittedAt || (e.SubmittedAt == m.SubmittedAt && e.Id < m.Id))
                && e.Scores.Any(es => es.ScoreId == scoreId && es.Value != null))
            select s.Value!.Value;
        var sums = await firsts.GroupBy(_ => 1)
            .Select(g => new { N = g.Count(), Sum = g.Sum(), SumOfSquares = g.Sum(v => v * v) })
            .FirstOrDefaultAsync(cancellationToken);
        if (sums is null || sums.N < MinimumReferenceGroup)
        {
            return null;
        }
        // Scores are small numbers (tens, hundreds): Σx² − (Σx)²/n loses nothing that matters at that size.
        var variance = (sums.SumOfSquares - sums.Sum * sums.Sum / sums.N) / (sums.N - 1);
        return variance > 1e-12 ? Math.Sqrt(variance) : null;
    }
}
