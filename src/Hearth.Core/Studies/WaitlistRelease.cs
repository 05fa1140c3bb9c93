using Hearth.Core.Cohorts;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>
/// A waitlist control gets the program after its last wave: once a waitlisted participant's last wave is
/// answered in full or has closed, they join their arm's cohort. Runs periodically in every app instance;
/// each placement is claimed with a conditional update first, so two instances never place one person
/// twice, and a claim on a full cohort is handed back to be tried again on a later pass.
/// </summary>
public sealed class WaitlistRelease(Func<HearthDbContext> contexts, TimeProvider clock)
{
    /// <returns>How many waiting participants joined a cohort in this pass.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var waiting = await (from p in db.StudyParticipants.AsNoTracking()
                             join a in db.StudyArms.AsNoTracking() on p.ArmId equals a.Id
                             where p.Status == ParticipantStatus.Enrolled && p.ProgramPlacedAt == null && a.Kind == ArmKind.Waitlist && a.CohortId != null
                             select new { Participant = p, Arm = a }).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }
        var studyIds = waiting.Select(w => w.Participant.StudyId).Distinct().ToList();
        var studies = await db.Studies.AsNoTracking().Where(s => studyIds.Contains(s.Id)).Include(s => s.Waves).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var placed = 0;
        foreach (var (participant, arm) in waiting.Select(w => (w.Participant, w.Arm)))
        {
            var study = studies[participant.StudyId];
            if (!await WavesAreOverAsync(db, study, arm, participant, now, cancellationToken))
            {
                continue;
            }
            var cohortId = arm.CohortId!.Value;
            var claimed = await db.StudyParticipants.Where(p => p.Id == participant.Id && p.ProgramPlacedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.ProgramPlacedAt, now).SetProperty(p => p.CohortId, cohortId), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance placed them
            }
            var joined = await new CohortMembers(db, clock).JoinByInvitationAsync(cohortId, participant.UserId, cancellationToken);
            db.ChangeTracker.Clear();
            if (!joined.Done)
            {
                // The cohort is full (or gone): hand the claim back; the researcher sees them as waiting.
                await db.StudyParticipants.Where(p => p.Id == participant.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(p => p.ProgramPlacedAt, (DateTimeOffset?)null).SetProperty(p => p.CohortId, (int?)null), cancellationToken);
                continue;
            }
            placed++;
        }
        return placed;
    }

    private static async Task<bool> WavesAreOverAsync(HearthDbContext db, Study study, StudyArm arm, StudyParticipant participant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windows = await StudyWaves.WindowsAsync(db, study, arm, participant, cancellationToken);
        if (windows.Count == 0 || windows[^1].Closes <= now)
        {
            return true;
        }
        var last = study.Waves.OrderBy(w => w.Order).Last();
        var asked = StudyDesigns.Split(last.Instruments);
        var answered = await db.StudyWaveResponses.AsNoTracking().Where(r => r.ParticipantId == participant.Id && r.WaveId == last.Id)
            .Select(r => r.InstrumentId).Distinct().CountAsync(cancellationToken);
        return answered >= asked.Count;
    }
}
