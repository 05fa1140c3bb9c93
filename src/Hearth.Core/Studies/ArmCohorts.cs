using Hearth.Core.Audit;
using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>A cohort a researcher can give an arm: of the arm's program, with sessions still to come (or self-guided).</summary>
public sealed record CohortChoice(int Id, string Name, DateTimeOffset? FirstSession, int Places);

/// <summary>An arm that delivers a program, its cohort now, and the cohorts it could have.</summary>
public sealed record ArmCohort(int ArmId, string Arm, ArmKind Kind, string ProgramId, CohortChoice? Current, IReadOnlyList<CohortChoice> Choices, int Waiting);

/// <summary>
/// Which cohort each program-delivering arm places its participants in. An active arm's participants join
/// it as they are allocated; a waitlist's join it once their last wave is over (<see cref="WaitlistRelease"/>).
/// Facilitators run the cohorts as usual; the study only fills them. The arm's cohort can change while
/// recruitment rolls on (a new cohort when one fills): people already placed stay where they are.
/// </summary>
public sealed class ArmCohorts(HearthDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ArmCohort>?> ListAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        var study = await db.Studies.RunBy(researcherId).AsNoTracking().Where(s => s.Id == studyId).Include(s => s.Arms).FirstOrDefaultAsync(cancellationToken);
        if (study is null)
        {
            return null;
        }
        var arms = study.Arms.Where(a => a.Kind != ArmKind.TreatmentAsUsual && a.ProgramId is not null).OrderBy(a => a.Order).ToList();
        var programs = arms.Select(a => a.ProgramId!).Distinct().ToList();
        var now = clock.GetUtcNow();
        var open = (await db.Cohorts.AsNoTracking().Where(c => programs.Contains(c.ProgramId))
            .Where(c => c.SelfGuided || c.Sessions.Any(s => s.StartsAt > now))
            .Select(c => new { c.Id, c.Name, c.ProgramId, Starts = c.Sessions.Select(s => s.StartsAt).ToList(), Places = c.Capacity - c.Participants.Count })
            .ToListAsync(cancellationToken)).Select(c => new { c.Id, c.Name, c.ProgramId, First = c.Starts.Count == 0 ? (DateTimeOffset?)null : c.Starts.Min(), c.Places }).ToList();
        var armIds = arms.Select(a => a.Id).ToList();
        var waiting = await db.StudyParticipants.AsNoTracking()
            .Where(p => p.StudyId == studyId && p.Status == ParticipantStatus.Enrolled && p.ArmId != null && armIds.Contains(p.ArmId.Value) && p.ProgramPlacedAt == null)
            .GroupBy(p => p.ArmId).Select(g => new { Arm = g.Key!.Value, Count = g.Count() }).ToListAsync(cancellationToken);
        var current = arms.Where(a => a.CohortId is not null).Select(a => a.CohortId!.Value).ToList();
        var named = (await db.Cohorts.AsNoTracking().Where(c => current.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, Starts = c.Sessions.Select(s => s.StartsAt).ToList(), Places = c.Capacity - c.Participants.Count }).ToListAsync(cancellationToken))
            .Select(c => new CohortChoice(c.Id, c.Name, c.Starts.Count == 0 ? null : c.Starts.Min(), c.Places)).ToList();
        return [.. arms.Select(a => new ArmCohort(a.Id, a.Name, a.Kind, a.ProgramId!, named.FirstOrDefault(c => c.Id == a.CohortId),
            [.. open.Where(c => c.ProgramId == a.ProgramId).OrderBy(c => c.First).Select(c => new CohortChoice(c.Id, c.Name, c.First, c.Places))],
            waiting.FirstOrDefault(w => w.Arm == a.Id)?.Count ?? 0))];
    }

    /// <summary>Gives an arm the cohort its participants are placed in from now on; null takes it away.</summary>
    public async Task<Outcome> AttachAsync(string researcherId, int studyId, int armId, int? cohortId, CancellationToken cancellationToken = default)
    {
        var arm = await db.StudyArms.Where(a => a.Id == armId && a.StudyId == studyId && db.Studies.RunBy(researcherId).Any(s => s.Id == studyId)).FirstOrDefaultAsync(cancellationToken);
        if (arm is null)
        {
            return Outcome.Missing;
        }
        if (arm.Kind == ArmKind.TreatmentAsUsual || arm.ProgramId is null)
        {
            return new FieldProblem("Cohort", ProblemText.Get("Studies.ArmNoProgram"));
        }
        if (cohortId is { } id)
        {
            var now = clock.GetUtcNow();
            var cohort = await db.Cohorts.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.ProgramId, c.SelfGuided, Running = c.Sessions.Any(s => s.StartsAt > now) }).FirstOrDefaultAsync(cancellationToken);
            if (cohort is null)
            {
                return new FieldProblem("Cohort", ProblemText.Get("Studies.NoSuchCohort"));
            }
            if (cohort.ProgramId != arm.ProgramId)
            {
                return new FieldProblem("Cohort", ProblemText.Get("Studies.CohortOtherProgram", cohort.ProgramId, arm.ProgramId));
            }
            if (!cohort.SelfGuided && !cohort.Running)
            {
                return new FieldProblem("Cohort", ProblemText.Get("Studies.CohortNoSessionsLeft"));
            }
        }
        arm.CohortId = cohortId;
        db.AddAudit(clock, researcherId, "study-arm-cohort", null, $"study {studyId}: arm {arm.Name} places participants in {(cohortId is null ? "no cohort" : $"cohort {cohortId}")}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok;
    }
}
