using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Measurements;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>One wave of a participant's study: when it is open, what it asks, what they have answered.</summary>
public sealed record WaveStatus(int WaveId, string Wave, DateTimeOffset Opens, DateTimeOffset Closes, IReadOnlyList<string> Instruments, IReadOnlySet<string> Done);

/// <summary>A study as its participant sees it: their study id, their arm and their waves.</summary>
/// <param name="NewConsent">A consent version newer than the one they signed, to read and sign before their next wave; null when up to date.</param>
public sealed record MyStudy(int StudyId, string Title, string Pseudonym, string Arm, ArmKind Kind, string TimeZone, IReadOnlyList<WaveStatus> Waves, ConsentVersion? NewConsent = null);

/// <summary>
/// A participant's waves. Answers are given the usual way (the questionnaire pages); an answer counts for a
/// wave when the questionnaire is one the wave asks for and it is given while the wave is open. The wave
/// dates come from the participant's anchors: enrolment, and their arm's cohort's first and last session
/// (or the study's planned timeline for an arm without a cohort).
/// </summary>
public sealed class StudyWaves(HearthDbContext db, TimeProvider clock)
{
    private sealed record Enrolled(StudyParticipant Participant, Study Study, StudyArm Arm);

    private async Task<List<Enrolled>> EnrolledAsync(string userId, CancellationToken cancellationToken)
    {
        var participants = await db.StudyParticipants.OwnedBy(userId).AsNoTracking()
            .Where(p => p.Status == ParticipantStatus.Enrolled && p.ArmId != null).ToListAsync(cancellationToken);
        if (participants.Count == 0)
        {
            return [];
        }
        var studyIds = participants.Select(p => p.StudyId).ToList();
        var studies = await db.Studies.AsNoTracking().Where(s => studyIds.Contains(s.Id)).Include(s => s.Arms).Include(s => s.Waves).AsSplitQuery().ToListAsync(cancellationToken);
        return [.. participants.Select(p =>
        {
            var study = studies.Single(s => s.Id == p.StudyId);
            return new Enrolled(p, study, study.Arms.Single(a => a.Id == p.ArmId));
        })];
    }

    private Task<IReadOnlyList<WaveWindow>> WindowsAsync(Enrolled e, CancellationToken cancellationToken) =>
        WindowsAsync(db, e.Study, e.Arm, e.Participant, cancellationToken);

    /// <summary>
    /// A participant's wave windows: from their enrolment, and their cohort's first and last session
    /// (or the study's planned timeline for an arm without a cohort), in the study's time zone.
    /// </summary>
    internal static async Task<IReadOnlyList<WaveWindow>> WindowsAsync(HearthDbContext db, Study study, StudyArm arm, StudyParticipant participant, CancellationToken cancellationToken)
    {
        var zone = CohortLimits.Zone(study.TimeZone) ?? TimeZoneInfo.Utc;
        DateOnly Local(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
        DateOnly? start = null, end = null;
        // An active arm's participant follows their own cohort; a waitlist's cohort comes after the waves, so the plan applies.
        if (arm.Kind == ArmKind.Active && participant.CohortId is { } cohortId)
        {
            var sessions = await db.CohortSessions.AsNoTracking().Where(s => s.CohortId == cohortId).OrderBy(s => s.Number).ToListAsync(cancellationToken);
            if (sessions.Count > 0)
            {
                start = Local(sessions[0].StartsAt);
                end = Local(sessions[^1].EndsAt);
            }
        }
        var waves = study.Waves.OrderBy(w => w.Order)
            .Select(w => new WaveDefinition(w.Name, w.Anchor, w.OffsetDays, w.WindowDays, StudyDesigns.Split(w.Instruments))).ToList();
        return WaveSchedule.For(waves, new ParticipantAnchors(Local(participant.EnrolledAt!.Value), start, end),
            new PlannedTimeline(study.PlannedProgramStartDays, study.PlannedProgramEndDays), zone);
    }

    public async Task<IReadOnlyList<MyStudy>> MineAsync(string userId, CancellationToken cancellationToken = default)
    {
        var result = new List<MyStudy>();
        foreach (var e in await EnrolledAsync(userId, cancellationToken))
        {
            var windows = await WindowsAsync(e, cancellationToken);
            var done = await db.StudyWaveResponses.AsNoTracking().Where(r => r.ParticipantId == e.Participant.Id).ToListAsync(cancellationToken);
            var waves = e.Study.Waves.OrderBy(w => w.Order).Zip(windows).Select(x => new WaveStatus(x.First.Id, x.First.Name, x.Second.Opens, x.Second.Closes,
                StudyDesigns.Split(x.First.Instruments), done.Where(r => r.WaveId == x.First.Id).Select(r => r.InstrumentId).ToHashSet())).ToList();
            var latest = await db.ConsentVersions.AsNoTracking().Where(c => c.StudyId == e.Study.Id).OrderByDescending(c => c.Version).FirstAsync(cancellationToken);
            result.Add(new MyStudy(e.Study.Id, e.Study.Title, e.Participant.Pseudonym, e.Arm.Name, e.Arm.Kind, e.Study.TimeZone, waves,
                latest.Version > (e.Participant.ConsentedVersion ?? 0) ? latest : null));
        }
        return result;
    }

    /// <summary>Counts a just-submitted questionnaire for every open wave of the person's studies that asks for it.</summary>
    /// <returns>How many waves it completed a questionnaire of.</returns>
    public async Task<int> LinkAsync(string userId, Measurement measurement, CancellationToken cancellationToken = default)
    {
        var linked = 0;
        foreach (var e in await EnrolledAsync(userId, cancellationToken))
        {
            var windows = await WindowsAsync(e, cancellationToken);
            foreach (var (wave, window) in e.Study.Waves.OrderBy(w => w.Order).Zip(windows))
            {
                if (measurement.SubmittedAt < window.Opens || measurement.SubmittedAt >= window.Closes || !StudyDesigns.Split(wave.Instruments).Contains(measurement.InstrumentId)
                    || await db.StudyWaveResponses.AnyAsync(r => r.ParticipantId == e.Participant.Id && r.WaveId == wave.Id && r.InstrumentId == measurement.InstrumentId, cancellationToken))
                {
                    continue;
                }
                db.StudyWaveResponses.Add(new StudyWaveResponse { ParticipantId = e.Participant.Id, WaveId = wave.Id, InstrumentId = measurement.InstrumentId, MeasurementId = measurement.Id, CompletedAt = clock.GetUtcNow() });
                linked++;
            }
        }
        if (linked > 0)
        {
            await db.SaveIgnoringDuplicateAsync(cancellationToken);
        }
        return linked;
    }
}
