using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>
/// Who is in a cohort: a facilitator adds people (one, or a whole team) and removes them; an invitation
/// adds the person who accepts it; a participant leaves. Joins to one cohort are serialised so that two
/// at the same moment cannot overfill it.
/// </summary>
public sealed class CohortMembers(HearthDbContext db, TimeProvider clock)
{
    private static FieldProblem NotInCohort => new("Participant", ProblemText.Get("Cohorts.NotInCohort"));

    /// <returns>Whether the person was added (false when already a member).</returns>
    public async Task<Outcome<bool>> AddParticipantAsync(string facilitatorId, int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        return await JoiningAsync(cohort, facilitatorId, async () =>
        {
            var joined = await JoinAsync(cohort, userId, cancellationToken);
            if (joined is { Done: true, Value: true })
            {
                db.AddAudit(clock, facilitatorId, "cohort-add", userId, $"cohort {cohortId}");
            }
            return joined;
        }, cancellationToken);
    }

    /// <summary>The organisation's teams, by name, for adding a whole team to a cohort.</summary>
    public async Task<IReadOnlyList<Organisations.Team>> TeamsAsync(CancellationToken cancellationToken = default) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);

    /// <summary>Adds the active members of a team (and its sub-teams) until the cohort is full.</summary>
    /// <returns>How many joined, and how many did not fit.</returns>
    public async Task<Outcome<(int Added, int Full)>> AddTeamAsync(string facilitatorId, int cohortId, int teamId, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        var wanted = await Organisations.TeamTree.WithNestedAsync(db, [teamId], cancellationToken);
        var members = await db.Users.AsNoTracking().Where(u => u.Active && u.TeamId != null && wanted.Contains(u.TeamId.Value))
            .OrderBy(u => u.DisplayName).Select(u => u.Id).ToListAsync(cancellationToken);
        return await JoiningAsync(cohort, facilitatorId, async () =>
        {
            int added = 0, full = 0;
            foreach (var id in members.Where(id => id != cohort.FacilitatorId && cohort.Participants.All(p => p.UserId != id)))
            {
                if (cohort.Participants.Count >= cohort.Capacity)
                {
                    full++;
                    continue;
                }
                if ((await JoinAsync(cohort, id, cancellationToken)).Value)
                {
                    db.AddAudit(clock, facilitatorId, "cohort-add", id, $"cohort {cohortId}, with team {teamId}");
                    added++;
                }
            }
            return Outcome.Of<(int, int)>((added, full));
        }, cancellationToken);
    }

    /// <summary>Adds someone who accepted a facilitator's invitation to that cohort (no facilitator check: the invitation is the permission).</summary>
    public async Task<Outcome<bool>> JoinByInvitationAsync(int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        if (await db.Cohorts.Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        return await JoiningAsync(cohort, null, async () =>
        {
            var joined = await JoinAsync(cohort, userId, cancellationToken);
            if (joined is { Done: true, Value: true })
            {
                db.AddAudit(clock, userId, "cohort-join", userId, $"cohort {cohortId}, by invitation");
            }
            return joined;
        }, cancellationToken);
    }

    public async Task<Outcome> RemoveParticipantAsync(string facilitatorId, int cohortId, string userId, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (cohort.Participants.All(p => p.UserId != userId))
        {
            return NotInCohort;
        }
        await LeaveAsync(db, cohortId, userId, clock.GetUtcNow(), cancellationToken);
        db.ChangeTracker.Clear(); // the cohort loaded above still lists them
        db.AddAudit(clock, facilitatorId, "cohort-remove", userId, $"cohort {cohortId}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Takes someone out of a cohort, in one transaction with withdrawing what they shared with its
    /// facilitator (they shared it as a member). Used when a facilitator removes them or they leave.
    /// </summary>
    internal static async Task LeaveAsync(HearthDbContext db, int cohortId, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.CohortSessions.Where(s => s.CohortId == cohortId && s.PresenterId == userId && s.StartsAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.PresenterId, (string?)null), cancellationToken);
        var entryIds = db.JournalEntries.OwnedBy(userId).Select(j => j.Id);
        await db.SharedReflections.Where(r => r.CohortId == cohortId && entryIds.Contains(r.JournalEntryId)).ExecuteDeleteAsync(cancellationToken);
        var measurementIds = db.Measurements.OwnedBy(userId).Select(m => m.Id);
        await db.SharedMeasurements.Where(r => r.CohortId == cohortId && measurementIds.Contains(r.MeasurementId)).ExecuteDeleteAsync(cancellationToken);
        await db.CohortParticipants.OwnedBy(userId).Where(p => p.CohortId == cohortId).ExecuteDeleteAsync(cancellationToken);
        // A self-guided run belongs to its one participant: leaving it ends it.
        await db.Cohorts.Where(c => c.Id == cohortId && c.SelfGuided).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs joins to one cohort one at a time, so that two adds at the same moment cannot overfill it:
    /// a no-op update takes the cohort's row lock (PostgreSQL) or the database's write lock (SQLite),
    /// the member list is then re-read, and the capacity check sees everyone already committed.
    /// A refusal rolls the transaction back: nothing of a refused join is kept.
    /// </summary>
    private async Task<Outcome<T>> JoiningAsync<T>(Cohort cohort, string? facilitatorId, Func<Task<Outcome<T>>> join, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The lock also re-checks, under it, that the cohort is still a group and still this facilitator's.
        var locked = await db.Cohorts
            .Where(c => c.Id == cohort.Id && !c.SelfGuided && (facilitatorId == null || c.FacilitatorId == facilitatorId))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Capacity, c => c.Capacity), cancellationToken);
        if (locked == 0)
        {
            return Outcome.Missing;
        }
        // The member list as committed now: forget what was loaded before the lock (people may have
        // joined or left since), then read it again; fix-up refills cohort.Participants.
        foreach (var entry in db.ChangeTracker.Entries<CohortParticipant>().Where(e => e.Entity.CohortId == cohort.Id).ToList())
        {
            entry.State = EntityState.Detached;
        }
        cohort.Participants.Clear();
        await db.CohortParticipants.Where(p => p.CohortId == cohort.Id).LoadAsync(cancellationToken);
        var result = await join();
        if (!result.Done)
        {
            db.ChangeTracker.Clear();
            return result;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<Outcome<bool>> JoinAsync(Cohort cohort, string userId, CancellationToken cancellationToken)
    {
        if (cohort.Participants.Any(p => p.UserId == userId))
        {
            return Outcome.Of<bool>(false);
        }
        if (cohort.Participants.Count >= cohort.Capacity)
        {
            return Full(cohort);
        }
        if (userId == cohort.FacilitatorId)
        {
            return new FieldProblem("Participant", ProblemText.Get("Cohorts.FacilitatorNotParticipant"));
        }
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.Active, cancellationToken))
        {
            return new FieldProblem("Participant", ProblemText.Get("Cohorts.NoActiveAccount"));
        }
        cohort.Participants.Add(new CohortParticipant { UserId = userId, JoinedAt = clock.GetUtcNow() });
        return Outcome.Of<bool>(true);
    }

    public static FieldProblem Full(Cohort cohort) => new("Participant", ProblemText.Get("Cohorts.Full", cohort.Capacity));
}
