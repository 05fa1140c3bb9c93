using Hearth.Core.Security;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record ShareTarget(int CohortId, string CohortName);

/// <summary>
/// Sharing one journal entry with the facilitator of a cohort the author belongs to. The shared copy
/// is encrypted under the cohort's own purpose, so the private entry's key is never used for anyone
/// but its author; withdrawing deletes the copy.
/// </summary>
public sealed class ReflectionSharing(HearthDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    private IDataProtector CohortProtector(int cohortId) =>
        protection.CreateProtector("Hearth.Journal.Shared.v1", cohortId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Cohorts the person is a participant of (and so may share with).</summary>
    public async Task<IReadOnlyList<ShareTarget>> TargetsAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.Cohorts.AttendedBy(userId).AsNoTracking().Where(c => c.FacilitatorId != null)
            .OrderBy(c => c.Name).Select(c => new ShareTarget(c.Id, c.Name)).ToListAsync(cancellationToken);

    /// <summary>Entry id → the cohorts it is shared with, for the author's own entries.</summary>
    public async Task<ILookup<long, int>> SharesOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        var rows = await db.SharedReflections.AsNoTracking()
            .Where(r => db.JournalEntries.OwnedBy(userId).Any(j => j.Id == r.JournalEntryId))
            .Select(r => new { r.JournalEntryId, r.CohortId }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.JournalEntryId, r => r.CohortId);
    }

    /// <summary>Shares the author's entry with a cohort they are in; the text is given by the author's own decrypted read.</summary>
    /// <returns>Not found unless the entry is the author's own and they are in the cohort.</returns>
    public async Task<Outcome> ShareAsync(string userId, long entryId, int cohortId, string text, CancellationToken cancellationToken = default)
    {
        if (!await db.JournalEntries.OwnedBy(userId).AnyAsync(j => j.Id == entryId, cancellationToken)
            || !await db.Cohorts.AttendedBy(userId).AnyAsync(c => c.Id == cohortId, cancellationToken))
        {
            return Outcome.Missing;
        }
        if (!await db.SharedReflections.AnyAsync(r => r.JournalEntryId == entryId && r.CohortId == cohortId, cancellationToken))
        {
            db.SharedReflections.Add(new SharedReflection { JournalEntryId = entryId, CohortId = cohortId, Ciphertext = CohortProtector(cohortId).Protect(text), SharedAt = clock.GetUtcNow() });
            await db.SaveIgnoringDuplicateAsync(cancellationToken);
        }
        return Outcome.Ok;
    }

    public async Task WithdrawAsync(string userId, long entryId, int cohortId, CancellationToken cancellationToken = default) =>
        await db.SharedReflections
            .Where(r => r.JournalEntryId == entryId && r.CohortId == cohortId && db.JournalEntries.OwnedBy(userId).Any(j => j.Id == entryId))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>For the cohort's facilitator only: callers check that first (see <see cref="CohortDashboard"/>).</summary>
    internal async Task<IReadOnlyList<SharedReflectionView>> ForCohortAsync(int cohortId, CancellationToken cancellationToken)
    {
        var protector = CohortProtector(cohortId);
        var rows = await (from r in db.SharedReflections.AsNoTracking()
                          join j in db.JournalEntries on r.JournalEntryId equals j.Id
                          join u in db.Users on j.UserId equals u.Id
                          where r.CohortId == cohortId && db.CohortParticipants.Any(p => p.CohortId == cohortId && p.UserId == j.UserId)
                          orderby r.SharedAt descending
                          select new { r.Id, AuthorId = u.Id, u.DisplayName, j.CreatedAt, r.SharedAt, r.Ciphertext }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SharedReflectionView(r.Id, r.AuthorId, r.DisplayName, r.CreatedAt, r.SharedAt, protector.UnprotectOrNotice(r.Ciphertext)))];
    }
}
