using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Hearth.Content.Programs;
using Hearth.Core.Security;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public sealed record CalendarSession(Cohort Cohort, CohortSession Session, ProgramDefinition Program);

/// <summary>
/// Sessions as iCalendar (RFC 5545, written by Ical.Net): a download per session, and a personal feed
/// at a secret URL that calendar apps poll. Times are written in UTC, which every client converts to
/// its own zone, so a daylight-saving change never shifts a session. Each session keeps one UID, so a
/// rescheduled session moves in the subscriber's calendar instead of appearing twice. An event carries
/// its times and titles only; where and how to join are on the session's page in Hearth.
/// </summary>
public sealed class CohortCalendar(HearthDbContext db, ProgramCatalog programs, TimeProvider clock)
{
    public static string Uid(CohortSession session) => $"hearth-cohort-{session.CohortId}-session-{session.Number}@hearth";

    /// <param name="language">The reader's language, for the calendar's own name (the sessions' titles are their cohort's language).</param>
    public string Write(IEnumerable<CalendarSession> sessions, string? language = null)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Hearth//Programs//EN" };
        calendar.AddProperty("X-WR-CALNAME", Localization.MailText.Get(language, "Calendar.Name"));
        var stamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, CalDateTime.UtcTzId);
        foreach (var (cohort, session, program) in sessions)
        {
            // Only the times and the titles: calendars are synced to other companies' servers and shown on
            // lock screens, so the group's name, the place and the video link stay inside Hearth.
            var content = ProgramSessions.ContentOf(program, session.Number, cohort.Language);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(session),
                DtStamp = stamp,
                Start = new CalDateTime(session.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
                End = new CalDateTime(session.EndsAt.UtcDateTime, CalDateTime.UtcTzId),
                Summary = $"{program.TitleIn(cohort.Language)} {session.Number}: {content.Title}",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Every session of the cohorts a person takes part in or facilitates.</summary>
    public async Task<IReadOnlyList<CalendarSession>> SessionsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        var cohorts = await db.Cohorts.AsNoTracking().Include(c => c.Sessions)
            .LedOrAttendedBy(userId)
            .ToListAsync(cancellationToken);
        return [.. cohorts.Where(c => programs.Find(c.ProgramId) is not null)
            .SelectMany(c => c.Sessions.OrderBy(s => s.Number).Select(s => new CalendarSession(c, s, programs.Find(c.ProgramId)!)))];
    }

    /// <summary>One session of a cohort the person takes part in or facilitates, or null.</summary>
    public async Task<CalendarSession?> SessionAsync(string userId, int cohortId, int number, CancellationToken cancellationToken = default) =>
        (await SessionsOfAsync(userId, cancellationToken)).FirstOrDefault(s => s.Cohort.Id == cohortId && s.Session.Number == number);

    /// <summary>Creates a feed URL token (shown once) and revokes the person's earlier ones: one live feed each.</summary>
    public async Task<string> CreateFeedAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await RevokeFeedsAsync(userId, cancellationToken);
        var token = SecretToken.New();
        db.CalendarFeeds.Add(new CalendarFeed { UserId = userId, TokenHash = TokenHash.Of(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task RevokeFeedsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await db.CalendarFeeds.Where(f => f.UserId == userId && f.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RevokedAt, now), cancellationToken);
    }

    public async Task<bool> HasFeedAsync(string userId, CancellationToken cancellationToken = default) =>
        await db.CalendarFeeds.AnyAsync(f => f.UserId == userId && f.RevokedAt == null, cancellationToken);

    /// <summary>The owner of a live feed token (an active account), or null.</summary>
    public async Task<string?> FeedOwnerAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = TokenHash.Of(token);
        return await db.CalendarFeeds.Where(f => f.TokenHash == hash && f.RevokedAt == null && db.Users.Any(u => u.Id == f.UserId && u.Active))
            .Select(f => f.UserId).FirstOrDefaultAsync(cancellationToken);
    }
}
