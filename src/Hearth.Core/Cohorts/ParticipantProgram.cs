using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Hearth.Content.Programs;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>A participant's view of one of their cohorts: where they are in it and what is theirs to do.</summary>
/// <summary>One session as a participant sees it in their list: when, whether it has started, their homework and attendance.</summary>
public sealed record MySession(int Number, string Title, DateTimeOffset StartsAt, bool Started, int HomeworkDone, int HomeworkTotal, bool? Present);

/// <summary>
/// <paramref name="Current"/> is the session to prepare for or under way; <paramref name="HomeworkFrom"/>
/// is the latest session that has started, whose homework is this week's (homework is set in a session
/// and done before the next one), or null before the first session.
/// </summary>
public sealed record MyCohort(
    Cohort Cohort,
    ProgramDefinition Program,
    CohortSession Current,
    SessionDefinition Content,
    CohortSession? HomeworkFrom,
    SessionDefinition? HomeworkContent,
    IReadOnlySet<int> HomeworkDone,
    IReadOnlyList<MySession> Sessions,
    int SessionsHeld,
    int SessionsAttended,
    bool Volunteered,
    IReadOnlyList<string> Partners,
    string? PresenterName,
    string? FacilitatorName);

/// <summary>
/// What a participant does in their cohorts: see this week's session, tick homework, offer a case.
/// Every query is filtered by membership, so nobody reaches a cohort they are not in.
/// </summary>
public sealed class ParticipantProgram(HearthDbContext db, ProgramCatalog programs, CohortRota rota, TimeProvider clock)
{
    /// <summary>
    /// The session a participant should be looking at: the one under way or next to come (until a
    /// session has ended it stays current); after the last one, the last one.
    /// </summary>
    public static CohortSession CurrentSession(IReadOnlyList<CohortSession> sessions, DateTimeOffset now) =>
        sessions.OrderBy(s => s.Number).FirstOrDefault(s => s.EndsAt > now) ?? sessions.OrderBy(s => s.Number).Last();

    public async Task<IReadOnlyList<MyCohort>> MineAsync(string userId, CancellationToken cancellationToken = default)
    {
        var list = await db.Cohorts.AsNoTracking()
            .Include(c => c.Sessions).Include(c => c.Participants).AsSplitQuery()
            .AttendedBy(userId)
            .OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var result = new List<MyCohort>();
        foreach (var cohort in list)
        {
            if (programs.Find(cohort.ProgramId) is not { } program || cohort.Sessions.Count == 0)
            {
                continue;
            }
            var sessions = cohort.Sessions.OrderBy(s => s.Number).ToList();
            var current = CurrentSession(sessions, now);
            var homeworkFrom = sessions.LastOrDefault(s => s.StartsAt <= now);
            var sessionIds = sessions.Select(s => s.Id).ToList();
            var ticks = await db.HomeworkCompletions.AsNoTracking().Where(h => sessionIds.Contains(h.SessionId) && h.UserId == userId)
                .Select(h => new { h.SessionId, h.HomeworkIndex }).ToListAsync(cancellationToken);
            var done = ticks.Where(t => t.SessionId == homeworkFrom?.Id).Select(t => t.HomeworkIndex);
            var marks = await db.SessionParticipations.AsNoTracking().Where(p => sessionIds.Contains(p.SessionId) && p.UserId == userId).ToListAsync(cancellationToken);
            var groups = await rota.GroupsAsync(cohort, current.Number, cancellationToken);
            var partnerIds = groups.FirstOrDefault(g => g.Contains(userId))?.Where(p => p != userId).ToList() ?? [];
            var names = await NamesAsync([.. partnerIds, .. new[] { current.PresenterId, cohort.FacilitatorId }.OfType<string>()], cancellationToken);
            var mySessions = sessions.Select(s =>
            {
                var content = ProgramSessions.ContentOf(program, s.Number, cohort.Language);
                return new MySession(s.Number, content.Title, s.StartsAt, s.StartsAt <= now,
                    ticks.Count(t => t.SessionId == s.Id), content.Homework.Count, marks.FirstOrDefault(m => m.SessionId == s.Id)?.Present);
            }).ToList();
            result.Add(new MyCohort(
                cohort, program, current, ProgramSessions.ContentOf(program, current.Number, cohort.Language),
                homeworkFrom, homeworkFrom is null ? null : ProgramSessions.ContentOf(program, homeworkFrom.Number, cohort.Language),
                done.ToHashSet(), mySessions,
                SessionsHeld: sessions.Count(s => s.EndsAt <= now),
                SessionsAttended: marks.Count(m => m.Present == true),
                Volunteered: marks.Any(m => m.SessionId == current.Id && m.Volunteered),
                Partners: [.. partnerIds.Select(p => names.GetValueOrDefault(p, "a colleague"))],
                PresenterName: current.PresenterId is { } presenter ? names.GetValueOrDefault(presenter) : null,
                FacilitatorName: cohort.FacilitatorId is { } f ? names.GetValueOrDefault(f) : null));
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>A session of a cohort the person is in, or null (not a member, no such session).</summary>
    public async Task<(Cohort Cohort, CohortSession Session)?> MemberSessionAsync(string userId, int cohortId, int number, CancellationToken cancellationToken = default)
    {
        var cohort = await db.Cohorts.AttendedBy(userId).AsNoTracking().Include(c => c.Sessions)
            .FirstOrDefaultAsync(c => c.Id == cohortId, cancellationToken);
        var session = cohort?.Sessions.FirstOrDefault(s => s.Number == number);
        return cohort is null || session is null ? null : (cohort, session);
    }

    /// <summary>Ticks or unticks one homework assignment of a session.</summary>
    /// <summary>Which homework items of one session the person has ticked (their own ticks only).</summary>
    public async Task<IReadOnlyList<int>> HomeworkDoneAsync(string userId, int sessionId, CancellationToken cancellationToken = default) =>
        await db.HomeworkCompletions.AsNoTracking().Where(h => h.SessionId == sessionId && h.UserId == userId)
            .Select(h => h.HomeworkIndex).ToListAsync(cancellationToken);

    public async Task<Outcome> SetHomeworkAsync(string userId, int cohortId, int number, int index, bool done, CancellationToken cancellationToken = default)
    {
        if (await MemberSessionAsync(userId, cohortId, number, cancellationToken) is not { } found)
        {
            return Outcome.Missing;
        }
        if (found.Session.StartsAt > clock.GetUtcNow())
        {
            return new FieldProblem("Homework", ProblemText.Get("Cohorts.HomeworkNotOpen", number));
        }
        if (programs.Find(found.Cohort.ProgramId) is not { } program)
        {
            return CohortScheduling.ProgramGone(found.Cohort.ProgramId);
        }
        if (index < 0 || index >= ProgramSessions.ContentOf(program, number).Homework.Count)
        {
            return new FieldProblem("Homework", ProblemText.Get("Cohorts.NoSuchHomework", number, index + 1));
        }
        var existing = await db.HomeworkCompletions.FirstOrDefaultAsync(h => h.SessionId == found.Session.Id && h.UserId == userId && h.HomeworkIndex == index, cancellationToken);
        if (done && existing is null)
        {
            db.HomeworkCompletions.Add(new HomeworkCompletion { SessionId = found.Session.Id, UserId = userId, HomeworkIndex = index, CompletedAt = clock.GetUtcNow() });
        }
        else if (!done && existing is not null)
        {
            db.HomeworkCompletions.Remove(existing);
        }
        await db.SaveIgnoringDuplicateAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Offers (or withdraws) a case for a meeting; the rota puts volunteers first.</summary>
    public async Task<Outcome> VolunteerAsync(string userId, int cohortId, int number, bool volunteer, CancellationToken cancellationToken = default)
    {
        if (await MemberSessionAsync(userId, cohortId, number, cancellationToken) is not { } found)
        {
            return Outcome.Missing;
        }
        var row = await db.SessionParticipations.FirstOrDefaultAsync(p => p.SessionId == found.Session.Id && p.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new SessionParticipation { SessionId = found.Session.Id, UserId = userId };
            db.SessionParticipations.Add(row);
        }
        row.Volunteered = volunteer;
        await db.SaveIgnoringDuplicateAsync(cancellationToken);
        return Outcome.Ok;
    }

    /// <summary>Leaves a cohort: the person's own choice, as a facilitator can add people without asking.</summary>
    public async Task<Outcome> LeaveAsync(string userId, int cohortId, CancellationToken cancellationToken = default)
    {
        if (!await db.Cohorts.AttendedBy(userId).AnyAsync(c => c.Id == cohortId, cancellationToken))
        {
            return Outcome.Missing;
        }
        await CohortMembers.LeaveAsync(db, cohortId, userId, clock.GetUtcNow(), cancellationToken);
        return Outcome.Ok;
    }
}
