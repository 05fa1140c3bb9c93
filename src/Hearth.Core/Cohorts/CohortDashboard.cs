using Hearth.Content.Programs;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record SessionEngagement(int Number, DateTimeOffset StartsAt, string Title, bool Held, int Present, int Marked, int HomeworkDone, int HomeworkPossible)
{
    /// <summary>Share of the roster present, when attendance was recorded.</summary>
    public double? AttendanceRate => Marked == 0 ? null : (double)Present / Marked;

    /// <summary>Share of assignments ticked, when the session had homework and members.</summary>
    public double? HomeworkRate => HomeworkPossible == 0 ? null : (double)HomeworkDone / HomeworkPossible;
}

public sealed record ParticipantCell(bool? Present, int HomeworkDone, int HomeworkTotal);

public sealed record ParticipantEngagement(string UserId, string Name, IReadOnlyList<ParticipantCell> Sessions)
{
    public int Attended => Sessions.Count(s => s.Present == true);
}

public sealed record SharedReflectionView(int Id, string AuthorId, string AuthorName, DateTimeOffset WrittenAt, DateTimeOffset SharedAt, string Text);

public sealed record DashboardView(Cohort Cohort, ProgramDefinition Program, IReadOnlyList<SessionEngagement> Sessions, IReadOnlyList<ParticipantEngagement> Participants);

/// <summary>
/// A facilitator's view of their own cohort: attendance and homework completion per session and per
/// participant, and the reflections participants chose to share. It reads no questionnaire answers
/// and no private journal entries: those are not in these tables.
/// </summary>
public sealed class CohortDashboard(HearthDbContext db, ProgramCatalog programs, ParticipantProgram participants, ReflectionSharing sharing, ResultSharing results, TimeProvider clock)
{
    /// <returns>Not found for a cohort the facilitator does not lead; refused when its program's files are gone.</returns>
    public async Task<Outcome<DashboardView>> ForFacilitatorAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default)
    {
        if (await db.LoadLedAsync(facilitatorId, cohortId, cancellationToken) is not { } cohort)
        {
            return Outcome.Missing;
        }
        if (programs.Find(cohort.ProgramId) is not { } program)
        {
            return CohortScheduling.ProgramGone(cohort.ProgramId);
        }
        var sessionIds = cohort.Sessions.Select(s => s.Id).ToList();
        var marks = await db.SessionParticipations.AsNoTracking().Where(p => sessionIds.Contains(p.SessionId)).ToListAsync(cancellationToken);
        var done = await db.HomeworkCompletions.AsNoTracking().Where(h => sessionIds.Contains(h.SessionId))
            .GroupBy(h => new { h.SessionId, h.UserId }).Select(g => new { g.Key.SessionId, g.Key.UserId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var roster = cohort.Participants.OrderBy(p => p.Id).Select(p => p.UserId).ToList();
        var names = await participants.NamesAsync(roster, cancellationToken);
        var now = clock.GetUtcNow();

        var sessions = new List<SessionEngagement>();
        foreach (var s in cohort.Sessions.OrderBy(s => s.Number))
        {
            var content = ProgramSessions.ContentOf(program, s.Number, cohort.Language);
            var here = marks.Where(m => m.SessionId == s.Id && m.Present is not null && roster.Contains(m.UserId)).ToList();
            sessions.Add(new SessionEngagement(
                s.Number, s.StartsAt, content.Title, s.StartsAt <= now,
                Present: here.Count(m => m.Present == true), Marked: here.Count,
                HomeworkDone: done.Where(d => d.SessionId == s.Id && roster.Contains(d.UserId)).Sum(d => d.Count),
                HomeworkPossible: content.Homework.Count * roster.Count));
        }
        var people = roster.Select(userId => new ParticipantEngagement(userId, names.GetValueOrDefault(userId, "(account removed)"),
            [.. cohort.Sessions.OrderBy(s => s.Number).Select(s => new ParticipantCell(
                marks.FirstOrDefault(m => m.SessionId == s.Id && m.UserId == userId)?.Present,
                done.FirstOrDefault(d => d.SessionId == s.Id && d.UserId == userId)?.Count ?? 0,
                ProgramSessions.ContentOf(program, s.Number, cohort.Language).Homework.Count))])).ToList();
        return Outcome.Of(new DashboardView(cohort, program, sessions, people));
    }

    /// <summary>Questionnaire results shared with this facilitator's cohort: scores and bands only (the caller audits the read).</summary>
    public async Task<IReadOnlyList<SharedResultView>> SharedResultsAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default) =>
        await LeadsAsync(facilitatorId, cohortId, cancellationToken) ? await results.ForCohortAsync(cohortId, cancellationToken) : [];

    /// <summary>Reflections shared with this facilitator's cohort, decrypted for them (the caller audits the read).</summary>
    public async Task<IReadOnlyList<SharedReflectionView>> SharedReflectionsAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken = default) =>
        await LeadsAsync(facilitatorId, cohortId, cancellationToken) ? await sharing.ForCohortAsync(cohortId, cancellationToken) : [];

    private Task<bool> LeadsAsync(string facilitatorId, int cohortId, CancellationToken cancellationToken) =>
        db.Cohorts.LedBy(facilitatorId).AnyAsync(c => c.Id == cohortId, cancellationToken);
}
