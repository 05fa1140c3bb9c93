using Hearth.Content.Instruments;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record ShareableResult(long MeasurementId, string InstrumentTitle, DateTimeOffset SubmittedAt);

public sealed record SharedScore(string Title, double? Value, string? Band);

public sealed record SharedResultView(string AuthorId, string AuthorName, string Instrument, DateTimeOffset SubmittedAt, IReadOnlyList<SharedScore> Scores);

/// <summary>
/// A participant showing one questionnaire result to the facilitator of a cohort they are in.
/// Questionnaire results are the person's own; the facilitator sees one only while it is shared, and
/// then only its scores and bands: never the answers to the items, never a safety flag.
/// </summary>
public sealed class ResultSharing(HearthDbContext db, InstrumentCatalog instruments, TimeProvider clock)
{
    /// <summary>
    /// The results a person may share or withdraw: their latest of each questionnaire, and every one
    /// they are sharing now (an older shared result stays listed, so it can always be withdrawn).
    /// </summary>
    public async Task<IReadOnlyList<ShareableResult>> ShareableAsync(string userId, CancellationToken cancellationToken = default)
    {
        var latest = await db.Measurements.OwnedBy(userId).AsNoTracking()
            .GroupBy(m => m.InstrumentId)
            .Select(g => g.OrderByDescending(m => m.SubmittedAt).ThenByDescending(m => m.Id).Select(m => new { m.Id, m.InstrumentId, m.SubmittedAt }).First())
            .ToListAsync(cancellationToken);
        var shared = await db.Measurements.AsNoTracking()
            .OwnedBy(userId).Where(m => db.SharedMeasurements.Any(s => s.MeasurementId == m.Id))
            .Select(m => new { m.Id, m.InstrumentId, m.SubmittedAt }).ToListAsync(cancellationToken);
        return [.. latest.Concat(shared).DistinctBy(m => m.Id)
            .Select(m => new ShareableResult(m.Id, instruments.Find(m.InstrumentId)?.Title ?? m.InstrumentId, m.SubmittedAt))
            .OrderBy(r => r.InstrumentTitle, StringComparer.Ordinal).ThenByDescending(r => r.SubmittedAt)];
    }

    /// <summary>Measurement id → the cohorts it is shared with, for the owner's own results.</summary>
    public async Task<ILookup<long, int>> SharesOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await db.SharedMeasurements.AsNoTracking()
            .Where(s => db.Measurements.OwnedBy(userId).Any(m => m.Id == s.MeasurementId))
            .Select(s => new { s.MeasurementId, s.CohortId }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.MeasurementId, r => r.CohortId);
    }

    /// <returns>Not found unless the result is the person's own and they are in the cohort.</returns>
    public async Task<Outcome> ShareAsync(string userId, long measurementId, int cohortId, CancellationToken cancellationToken = default)
    {
        if (!await db.Measurements.OwnedBy(userId).AnyAsync(m => m.Id == measurementId, cancellationToken)
            || !await db.Cohorts.AttendedBy(userId).AnyAsync(c => c.Id == cohortId, cancellationToken))
        {
            return Outcome.Missing;
        }
        if (!await db.SharedMeasurements.AnyAsync(s => s.MeasurementId == measurementId && s.CohortId == cohortId, cancellationToken))
        {
            db.SharedMeasurements.Add(new SharedMeasurement { MeasurementId = measurementId, CohortId = cohortId, SharedAt = clock.GetUtcNow() });
            await db.SaveIgnoringDuplicateAsync(cancellationToken);
        }
        return Outcome.Ok;
    }

    public async Task WithdrawAsync(string userId, long measurementId, int cohortId, CancellationToken cancellationToken = default) =>
        await db.SharedMeasurements
            .Where(s => s.MeasurementId == measurementId && s.CohortId == cohortId && db.Measurements.OwnedBy(userId).Any(m => m.Id == measurementId))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>For the cohort's facilitator only: callers check that first (see <see cref="CohortDashboard"/>).</summary>
    internal async Task<IReadOnlyList<SharedResultView>> ForCohortAsync(int cohortId, CancellationToken cancellationToken)
    {
        // Only from people still in the cohort: a share made as someone was being removed does not outlive them.
        var rows = await (from s in db.SharedMeasurements.AsNoTracking()
                          join m in db.Measurements on s.MeasurementId equals m.Id
                          join u in db.Users on m.UserId equals u.Id
                          where s.CohortId == cohortId && db.CohortParticipants.Any(p => p.CohortId == cohortId && p.UserId == m.UserId)
                          orderby m.SubmittedAt descending
                          select new { MeasurementId = m.Id, u.Id, u.DisplayName, m.InstrumentId, m.SubmittedAt }).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.MeasurementId).ToList();
        var scores = await db.Set<Measurements.MeasurementScore>().AsNoTracking().Where(s => ids.Contains(s.MeasurementId)).ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            var instrument = instruments.Find(r.InstrumentId);
            return new SharedResultView(r.Id, r.DisplayName, instrument?.Title ?? r.InstrumentId, r.SubmittedAt,
                [.. scores.Where(s => s.MeasurementId == r.MeasurementId).Select(s => new SharedScore(
                    instrument?.Scores.FirstOrDefault(d => d.Id == s.ScoreId)?.Title ?? s.ScoreId, s.Value, s.Band))]);
        })];
    }
}
