using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Content.Programs;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <param name="BodyAtSend">
/// When set, the body is written only once this instance holds the claim (e.g. to mint a single-use link
/// that must not exist for a message another instance sends).
/// </param>
public sealed record ReminderMessage(string Key, string UserId, string Email, string Name, string Subject, string Body, Func<CancellationToken, Task<string>>? BodyAtSend = null);

/// <summary>A feature's own reminders (a study's wave invitations), sent by the same exactly-once dispatcher as the cohorts'.</summary>
public interface IReminderSource
{
    Task<IReadOnlyList<ReminderMessage>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Delivers a reminder (by e-mail in the app); throws when it could not be handed over.</summary>
public interface IReminderSender
{
    /// <summary>False while there is no way to deliver (no mail server): then nothing is claimed, so nothing is lost.</summary>
    bool IsAvailable => true;

    Task SendAsync(ReminderMessage message, CancellationToken cancellationToken);
}

public sealed class ReminderOptions
{
    /// <summary>How long before a session its reminder goes out.</summary>
    public TimeSpan SessionLead { get; set; } = TimeSpan.FromHours(24);
    /// <summary>How long an instance holds a claimed reminder before another may retry it (after a crash).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Attempts before a reminder that keeps failing is given up.</summary>
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>
/// Finds the reminders that are due and sends each once, however many app instances share the
/// database and however often they restart. All state is in the database:
/// <list type="number">
/// <item>a reminder's key (<c>session:{id}:{user}</c>, <c>homework:{id}:{user}</c>) is unique, so only
/// one instance can insert its claim;</item>
/// <item>a claim carries a lease; only when it expired unsent (the claiming instance died) may another
/// instance take it over, by a conditional update that exactly one wins;</item>
/// <item>the claim is marked sent after the mail server accepted the message.</item>
/// </list>
/// The one remaining window, a crash after the server accepted the message and before it was marked,
/// can repeat that reminder after the lease; no reminder is ever lost to a crash. A send must finish
/// well within the lease (the mail sender's timeouts are set below it), and instances' clocks must
/// agree to well within the lease (NTP), as leases are compared across instances.
/// </summary>
public sealed class ReminderDispatcher(Func<HearthDbContext> contexts, ProgramCatalog programs, IReminderSender sender, TimeProvider clock, ReminderOptions options, string instanceId, IReadOnlyList<IReminderSource>? sources = null)
{
    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>One pass: sends what is due now. Returns how many this instance sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var (due, claimed) = await DueAsync(cancellationToken);
        foreach (var message in due)
        {
            if (!await ClaimAsync(message, claimed.Contains(message.Key), cancellationToken))
            {
                continue;
            }
            try
            {
                var ready = message.BodyAtSend is { } write ? message with { Body = await write(cancellationToken) } : message;
                await sender.SendAsync(ready, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                continue; // the lease runs out and a later pass (here or elsewhere) tries again
            }
            // Marked even while shutting down: the mail is out, and an unmarked one would go again after the lease.
            await using var db = contexts();
            var now = clock.GetUtcNow();
            await db.ReminderDeliveries.Where(r => r.Key == message.Key).ExecuteUpdateAsync(s => s.SetProperty(r => r.SentAt, now), CancellationToken.None);
            sent++;
        }
        return sent;
    }

    /// <summary>
    /// Reminders due now: for every session starting within the lead time, one to each participant
    /// (and one about the previous session's homework to each participant who has not ticked it all);
    /// and for every measurement point of a cohort falling within the lead time, one asking each
    /// participant to fill in the program's questionnaires.
    /// </summary>
    /// <returns>The reminders to send now, and which of them an earlier attempt already claimed (its lease has run out).</returns>
    public async Task<(IReadOnlyList<ReminderMessage> Due, IReadOnlySet<string> Claimed)> DueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        var now = clock.GetUtcNow();
        var until = now + options.SessionLead;
        var upcoming = await db.CohortSessions.AsNoTracking().Where(s => s.StartsAt > now && s.StartsAt <= until).ToListAsync(cancellationToken);
        // Measurement points lie within the offsets the program format allows around a cohort's first session.
        // Only the cohorts with a point due now are loaded below, not every cohort of the past year.
        var firstSessions = (await (from s in db.CohortSessions.AsNoTracking()
                                    join c in db.Cohorts on s.CohortId equals c.Id
                                    where s.Number == 1 && s.StartsAt > now.AddDays(-ProgramLoader.MaxMeasurementOffset - 1) && s.StartsAt < until.AddDays(-ProgramLoader.MinMeasurementOffset + 1)
                                    select new { s.CohortId, s.StartsAt, c.ProgramId }).ToListAsync(cancellationToken))
            .Where(f => programs.Find(f.ProgramId) is { } p && ProgramSessions.MeasurementDates(p, f.StartsAt).Any(d => d.Due > now && d.Due <= until))
            .ToList();
        var due = new List<ReminderMessage>();
        foreach (var source in sources ?? [])
        {
            due.AddRange(await source.DueAsync(now, cancellationToken));
        }
        var cohortIds = upcoming.Select(s => s.CohortId).Concat(firstSessions.Select(f => f.CohortId)).Distinct().ToList();
        if (cohortIds.Count == 0)
        {
            return await UnsettledAsync(db, due, now, cancellationToken);
        }
        var cohorts = await db.Cohorts.AsNoTracking().Include(c => c.Participants).Include(c => c.Sessions).AsSplitQuery()
            .Where(c => cohortIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var userIds = cohorts.Values.SelectMany(c => c.Participants.Select(p => p.UserId)).Distinct().ToList();
        var organisationLanguage = await Organisations.LanguageChoices.OrganisationDefaultIn(db, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Active && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => (Email: u.Email!, u.DisplayName, Language: MailText.LanguageFor(u.Language, organisationLanguage)), cancellationToken);
        var previousIds = upcoming.Select(s => cohorts[s.CohortId].Sessions.FirstOrDefault(p => p.Number == s.Number - 1)?.Id).OfType<int>().ToList();
        var done = await db.HomeworkCompletions.AsNoTracking().Where(h => previousIds.Contains(h.SessionId))
            .GroupBy(h => new { h.SessionId, h.UserId }).Select(g => new { g.Key.SessionId, g.Key.UserId, Count = g.Count() }).ToListAsync(cancellationToken);
        var enabled = (await db.InstrumentChoices.AsNoTracking().Where(c => c.Enabled).Select(c => c.InstrumentId).ToListAsync(cancellationToken)).ToHashSet();

        foreach (var session in upcoming.OrderBy(s => s.StartsAt))
        {
            // A self-guided run stopped between the queries above is simply gone.
            if (!cohorts.TryGetValue(session.CohortId, out var cohort) || programs.Find(cohort.ProgramId) is not { } program)
            {
                continue;
            }
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(cohort.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            var local = TimeZoneInfo.ConvertTime(session.StartsAt, zone);
            var content = ProgramSessions.ContentOf(program, session.Number, cohort.Language);
            var previous = cohort.Sessions.FirstOrDefault(p => p.Number == session.Number - 1);
            var previousHomework = previous is null ? [] : ProgramSessions.ContentOf(program, previous.Number, cohort.Language).Homework;
            foreach (var member in cohort.Participants)
            {
                if (!users.TryGetValue(member.UserId, out var user))
                {
                    continue;
                }
                // The start time is part of the key: a session moved after its reminder went out gets a new one.
                var key = $"session:{session.Id}:{session.StartsAt.ToUnixTimeSeconds()}:{member.UserId}";
                {
                    // In the person's language; the program's own words (titles) are the cohort's language.
                    var language = user.Language;
                    var title = program.TitleIn(cohort.Language);
                    var where = string.Join(", ", new[] { cohort.Place, cohort.VideoLink }.OfType<string>());
                    var day = MailText.Day(language, local);
                    var time = local.ToString("HH:mm", Invariant);
                    var when = MailText.Get(language, "Reminder.Session.When", day, time, cohort.TimeZone);
                    due.Add(new ReminderMessage(key, member.UserId, user.Email, user.DisplayName,
                        MailText.Get(language, "Reminder.Session.Subject", title, session.Number, day, time),
                        (cohort.SelfGuided
                            ? MailText.Get(language, "Reminder.Session.SelfGuided", user.DisplayName, session.Number, title, content.Title, when, "\n")
                            : MailText.Get(language, "Reminder.Session.Group", user.DisplayName, cohort.Name, session.Number, content.Title, when, "\n"))
                        + (where.Length > 0 ? MailText.Get(language, "Reminder.Session.Where", where) : "") + MailText.Get(language, "Reminder.Session.End", "\n")));
                }
                if (previous is not null && previousHomework.Count > 0)
                {
                    var ticked = done.FirstOrDefault(d => d.SessionId == previous.Id && d.UserId == member.UserId)?.Count ?? 0;
                    var homeworkKey = $"homework:{previous.Id}:{member.UserId}";
                    if (ticked < previousHomework.Count)
                    {
                        var open = previousHomework.Count - ticked;
                        var title = program.TitleIn(cohort.Language);
                        due.Add(new ReminderMessage(homeworkKey, member.UserId, user.Email, user.DisplayName,
                            open == 1
                                ? MailText.Get(user.Language, "Reminder.Homework.SubjectOne", title, session.Number)
                                : MailText.Get(user.Language, "Reminder.Homework.Subject", title, open, session.Number),
                            MailText.Get(user.Language, "Reminder.Homework.Body", user.DisplayName, cohort.Name, open, previousHomework.Count, previous.Number, "\n")));
                    }
                }
            }
        }
        foreach (var first in firstSessions)
        {
            if (!cohorts.TryGetValue(first.CohortId, out var cohort) || programs.Find(cohort.ProgramId) is not { } program
                || !ProgramSessions.OutcomeInstruments(program).Any(enabled.Contains))
            {
                continue; // nothing to fill in: none of the program's questionnaires is in use here
            }
            foreach (var (name, at) in ProgramSessions.MeasurementDates(program, first.StartsAt).Where(p => p.Due > now && p.Due <= until))
            {
                foreach (var member in cohort.Participants)
                {
                    var key = $"measure:{cohort.Id}:{name}:{member.UserId}";
                    if (!users.TryGetValue(member.UserId, out var user))
                    {
                        continue;
                    }
                    var title = program.TitleIn(cohort.Language);
                    var group = cohort.SelfGuided ? "" : " " + MailText.Get(user.Language, "Reminder.Measure.Group", cohort.Name);
                    due.Add(new ReminderMessage(key, member.UserId, user.Email, user.DisplayName,
                        MailText.Get(user.Language, "Reminder.Measure.Subject", title, name),
                        MailText.Get(user.Language, "Reminder.Measure.Body", user.DisplayName, name, title, group, "\n") + " "
                        + MailText.Get(user.Language, cohort.SelfGuided ? "Reminder.Measure.Private" : "Reminder.Measure.PrivateGroup", "\n")));
                }
            }
        }
        return await UnsettledAsync(db, due, now, cancellationToken);
    }

    /// <summary>Sent, held by a live lease, or given up: not due. Claimed earlier but expired: due again.</summary>
    private async Task<(IReadOnlyList<ReminderMessage> Due, IReadOnlySet<string> Claimed)> UnsettledAsync(HearthDbContext db, List<ReminderMessage> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = due.Select(m => m.Key).ToList();
        var existing = await db.ReminderDeliveries.AsNoTracking().Where(r => keys.Contains(r.Key))
            .Select(r => new { r.Key, Settled = r.SentAt != null || r.ClaimedUntil >= now || r.Attempts >= options.MaxAttempts }).ToListAsync(cancellationToken);
        var sentKeys = existing.Where(r => r.Settled).Select(r => r.Key).ToHashSet();
        var claimed = existing.Where(r => !r.Settled).Select(r => r.Key).ToHashSet();
        return ([.. due.Where(m => !sentKeys.Contains(m.Key))], claimed);
    }

    /// <summary>True when this instance now holds the reminder: it inserted the claim, or took over an expired unsent one.</summary>
    private async Task<bool> ClaimAsync(ReminderMessage message, bool claimedBefore, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!claimedBefore)
        {
            await using var db = contexts();
            db.ReminderDeliveries.Add(new ReminderDelivery { Key = message.Key, UserId = message.UserId, ClaimedBy = instanceId, ClaimedUntil = now + options.Lease, Attempts = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex) when (IdempotentSave.IsUniqueViolation(ex))
            {
                // The key exists: another instance claimed it since this pass looked.
                return false;
            }
        }
        await using var retry = contexts();
        var taken = await retry.ReminderDeliveries
            .Where(r => r.Key == message.Key && r.SentAt == null && r.ClaimedUntil < now && r.Attempts < options.MaxAttempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ClaimedUntil, now + options.Lease)
                .SetProperty(r => r.ClaimedBy, instanceId)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        return taken == 1;
    }
}
