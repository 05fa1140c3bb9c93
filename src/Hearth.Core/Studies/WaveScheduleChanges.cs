using Hearth.Content.Studies;
using Hearth.Core.Audit;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>What moving a wave would do to its e-mails: how many were sent (they stay sent), how many move, how many would go out at once.</summary>
public sealed record WaveChangePreview(string Wave, int OffsetDays, int WindowDays, int Participants, int AlreadySent, int WillMove, int DueAtOnce);

/// <summary>
/// Changing a wave's schedule after recruitment has opened: the researcher sees first what it will do,
/// then saves. Only the e-mails not yet sent follow the new dates (the dispatcher's keys name participant
/// and wave, not dates), so nothing is ever sent twice; the change is audited.
/// </summary>
public sealed class WaveScheduleChanges(HearthDbContext db, TimeProvider clock)
{
    public Task<Outcome<WaveChangePreview>> PreviewAsync(string researcherId, int studyId, int waveId, int offsetDays, int windowDays, CancellationToken cancellationToken = default) =>
        RunAsync(researcherId, studyId, waveId, offsetDays, windowDays, save: false, cancellationToken);

    public Task<Outcome<WaveChangePreview>> SaveAsync(string researcherId, int studyId, int waveId, int offsetDays, int windowDays, CancellationToken cancellationToken = default) =>
        RunAsync(researcherId, studyId, waveId, offsetDays, windowDays, save: true, cancellationToken);

    private async Task<Outcome<WaveChangePreview>> RunAsync(string researcherId, int studyId, int waveId, int offsetDays, int windowDays, bool save, CancellationToken cancellationToken)
    {
        var study = await db.Studies.RunBy(researcherId).AsNoTracking().Where(s => s.Id == studyId)
            .Include(s => s.Arms).Include(s => s.Waves).AsSplitQuery().FirstOrDefaultAsync(cancellationToken);
        if (study?.Waves.FirstOrDefault(w => w.Id == waveId) is not { } wave)
        {
            return Outcome.Missing;
        }
        var definition = new WaveDefinition(wave.Name, wave.Anchor, offsetDays, windowDays, StudyDesigns.Split(wave.Instruments));
        if (definition.Problems() is [var problem, ..])
        {
            return new FieldProblem(problem.Field == "window_days" ? "WindowDays" : "OffsetDays", problem.Message);
        }
        var moved = new Study
        {
            Title = study.Title, TimeZone = study.TimeZone, OwnerId = study.OwnerId, Arms = study.Arms,
            PlannedProgramStartDays = study.PlannedProgramStartDays, PlannedProgramEndDays = study.PlannedProgramEndDays,
            Waves = [.. study.Waves.Select(w => w.Id == waveId ? new StudyWave { Id = w.Id, Name = w.Name, Anchor = w.Anchor, OffsetDays = offsetDays, WindowDays = windowDays, Instruments = w.Instruments, Order = w.Order } : w)],
        };
        var now = clock.GetUtcNow();
        var participants = await db.StudyParticipants.AsNoTracking().Where(p => p.StudyId == studyId && p.Status == ParticipantStatus.Enrolled && p.ArmId != null).ToListAsync(cancellationToken);
        var keys = participants.Select(p => $"{WaveInvitations.Stem(p.Id, waveId)}:invite").ToList();
        var sent = (await db.ReminderDeliveries.AsNoTracking().Where(r => keys.Contains(r.Key) && r.SentAt != null).Select(r => r.Key).ToListAsync(cancellationToken)).ToHashSet();
        var done = (await db.StudyWaveResponses.AsNoTracking().Where(r => r.WaveId == waveId).Select(r => new { r.ParticipantId, r.InstrumentId }).ToListAsync(cancellationToken))
            .ToLookup(r => r.ParticipantId, r => r.InstrumentId);
        int alreadySent = 0, willMove = 0, atOnce = 0;
        var order = moved.Waves.OrderBy(w => w.Order).ToList().FindIndex(w => w.Id == waveId);
        foreach (var p in participants)
        {
            if (sent.Contains($"{WaveInvitations.Stem(p.Id, waveId)}:invite"))
            {
                alreadySent++;
                continue;
            }
            willMove++;
            var window = (await StudyWaves.WindowsAsync(db, moved, study.Arms.Single(a => a.Id == p.ArmId), p, cancellationToken))[order];
            var complete = definition.Instruments.All(i => done[p.Id].Contains(i));
            if (!complete && window.Opens <= now && now < window.Closes)
            {
                atOnce++;
            }
        }
        var preview = new WaveChangePreview(wave.Name, offsetDays, windowDays, participants.Count, alreadySent, willMove, atOnce);
        if (save)
        {
            await db.StudyWaves.Where(w => w.Id == waveId)
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.OffsetDays, offsetDays).SetProperty(w => w.WindowDays, windowDays), cancellationToken);
            // A copy of the wave this context already tracks (the page loaded the study) must show the new schedule too.
            foreach (var entry in db.ChangeTracker.Entries<StudyWave>().Where(e => e.Entity.Id == waveId))
            {
                entry.Entity.OffsetDays = offsetDays;
                entry.Entity.WindowDays = windowDays;
                entry.State = EntityState.Unchanged;
            }
            db.AddAudit(clock, researcherId, "study-wave-change", null,
                $"study {studyId}, wave {wave.Name}: from {wave.OffsetDays} days (open {wave.WindowDays}) to {offsetDays} days (open {windowDays}); {alreadySent} e-mails already sent stay sent, {willMove} follow the new dates");
            await db.SaveChangesAsync(cancellationToken);
        }
        return Outcome.Of(preview);
    }
}
