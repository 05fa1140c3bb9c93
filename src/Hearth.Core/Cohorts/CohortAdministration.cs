using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>
/// What an administrator does with cohorts: sees each one's name, program, size and facilitator (and
/// nothing inside it), and hands a cohort to another facilitator. Also what deleting a facilitator's
/// account does to the cohorts they led.
/// </summary>
public sealed class CohortAdministration(HearthDbContext db, TimeProvider clock)
{
    public sealed record CohortSummary(int Id, string Name, string ProgramId, string? FacilitatorId, string? FacilitatorName, int Participants);

    /// <summary>For administrators: every cohort's name, program, facilitator and size, and nothing about its members.</summary>
    public async Task<IReadOnlyList<CohortSummary>> SummariesAsync(CancellationToken cancellationToken = default) =>
        await db.Cohorts.AsNoTracking().Where(c => !c.SelfGuided).OrderBy(c => c.Name)
            .Select(c => new CohortSummary(c.Id, c.Name, c.ProgramId, c.FacilitatorId,
                db.Users.Where(u => u.Id == c.FacilitatorId).Select(u => u.DisplayName).FirstOrDefault(), c.Participants.Count))
            .ToListAsync(cancellationToken);

    /// <summary>Ids of the programs that cohorts run (whose shape an upload must keep).</summary>
    public async Task<IReadOnlySet<string>> ProgramsInUseAsync(CancellationToken cancellationToken = default) =>
        (await db.Cohorts.AsNoTracking().Select(c => c.ProgramId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Active people holding the facilitator role, who can lead a cohort.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> FacilitatorsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Facilitator && u.Active
                          orderby u.DisplayName
                          select new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.DisplayName))];
    }

    /// <summary>
    /// An administrator hands a cohort to another facilitator (its own left, or its facilitator's account
    /// was deleted). What was shared with, or written by, the previous facilitator does not pass on:
    /// shared reflections are withdrawn (participants can share again) and the private notes are
    /// removed. An administrator cannot hand a cohort to themselves.
    /// </summary>
    public async Task<Outcome> HandOverAsync(string administratorId, int cohortId, string facilitatorId, CancellationToken cancellationToken = default)
    {
        if (facilitatorId == administratorId)
        {
            return new FieldProblem("Facilitator", ProblemText.Get("Cohorts.HandToSelf"));
        }
        if (await db.Cohorts.Include(c => c.Participants).Include(c => c.Sessions).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == cohortId && !c.SelfGuided, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if ((await FacilitatorsAsync(cancellationToken)).All(f => f.Id != facilitatorId))
        {
            return new FieldProblem("Facilitator", ProblemText.Get("Cohorts.ChooseFacilitator"));
        }
        if (cohort.Participants.Any(p => p.UserId == facilitatorId))
        {
            return new FieldProblem("Facilitator", ProblemText.Get("Cohorts.FacilitatorIsParticipant"));
        }
        if (cohort.FacilitatorId == facilitatorId)
        {
            return Outcome.Ok;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        cohort.FacilitatorId = facilitatorId;
        foreach (var session in cohort.Sessions)
        {
            session.NotesCiphertext = null;
        }
        db.AddAudit(clock, administratorId, "cohort-handover", facilitatorId, $"cohort {cohortId}");
        await db.SaveChangesAsync(cancellationToken);
        await db.SharedReflections.Where(r => r.CohortId == cohortId).ExecuteDeleteAsync(cancellationToken);
        await db.SharedMeasurements.Where(r => r.CohortId == cohortId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>
    /// Before a facilitator's account is deleted: their private notes, and everything participants shared
    /// with them, go too; the cohorts stay, without a facilitator, for an administrator to hand over.
    /// </summary>
    public async Task ForgetFacilitatorAsync(string facilitatorId, CancellationToken cancellationToken = default)
    {
        var cohortIds = await db.Cohorts.LedBy(facilitatorId).Select(c => c.Id).ToListAsync(cancellationToken);
        if (cohortIds.Count == 0)
        {
            return;
        }
        // Inside the caller's transaction when there is one (account deletion), else in its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.CohortSessions.Where(s => cohortIds.Contains(s.CohortId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.NotesCiphertext, (string?)null), cancellationToken);
        await db.SharedReflections.Where(r => cohortIds.Contains(r.CohortId)).ExecuteDeleteAsync(cancellationToken);
        await db.SharedMeasurements.Where(r => cohortIds.Contains(r.CohortId)).ExecuteDeleteAsync(cancellationToken);
        await db.Cohorts.Where(c => cohortIds.Contains(c.Id)).ExecuteUpdateAsync(c => c.SetProperty(x => x.FacilitatorId, (string?)null), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
