using Hearth.Core.Localization;
using Hearth.Core.Rules;
using System.Globalization;
using Hearth.Core.Cohorts;
using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>One participant's wave as the delivery log shows it: when it was due, sent, opened, completed or expired.</summary>
public sealed record WaveDelivery(string Participant, string Wave, DateTimeOffset Due, DateTimeOffset? Sent, DateTimeOffset? Opened, DateTimeOffset? Completed, DateTimeOffset? Expired);

/// <summary>
/// A study's wave e-mails, sent by the reminder dispatcher exactly once across instances: an invitation
/// when a wave opens and one reminder halfway through its window, each only while the wave is not
/// complete. The key names the participant, the wave and the kind, not the dates: when a researcher moves
/// a wave, the e-mails not yet sent follow the new dates and those already sent are never sent again.
/// Each e-mail carries a single-use link, minted only by the instance that holds the claim.
/// </summary>
public sealed class WaveInvitations(Func<HearthDbContext> contexts, TimeProvider clock, string publicUrl) : IReminderSource
{
    private sealed record Open(StudyParticipant Participant, Study Study, StudyWave Wave, DateTimeOffset Opens, DateTimeOffset Closes, bool Complete);

    public async Task<IReadOnlyList<ReminderMessage>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = contexts();
        var due = new List<ReminderMessage>();
        var users = new Dictionary<string, (string Email, string Name, string Language)>();
        Task<string?>? organisationLanguage = null; // read once, and only when some wave is due
        foreach (var w in await WavesAsync(db, cancellationToken))
        {
            if (w.Complete || now < w.Opens || now >= w.Closes)
            {
                continue;
            }
            if (!users.TryGetValue(w.Participant.UserId, out var user))
            {
                var found = await db.Users.AsNoTracking().Where(u => u.Id == w.Participant.UserId && u.Active && u.Email != null)
                    .Select(u => new { u.Email, u.DisplayName, u.Language }).FirstOrDefaultAsync(cancellationToken);
                if (found is null)
                {
                    continue;
                }
                users[w.Participant.UserId] = user = (found.Email!, found.DisplayName, MailText.LanguageFor(found.Language, await (organisationLanguage ??= Organisations.LanguageChoices.OrganisationDefaultIn(db, cancellationToken))));
            }
            var stem = Stem(w.Participant.Id, w.Wave.Id);
            var halfway = w.Opens + (w.Closes - w.Opens) / 2;
            foreach (var (kind, from) in new[] { ("invite", w.Opens), ("reminder", halfway) })
            {
                if (now < from)
                {
                    continue;
                }
                var participant = w.Participant;
                var wave = w.Wave;
                var closes = w.Closes;
                var (name, language) = (user.Name, user.Language);
                due.Add(new ReminderMessage($"{stem}:{kind}", participant.UserId, user.Email, user.Name,
                    MailText.Get(language, kind == "invite" ? "Wave.InviteSubject" : "Wave.ReminderSubject", w.Study.Title, wave.Name),
                    "", async ct => Body(language, name, w.Study.Title, wave.Name, closes, await MintAsync(participant.Id, wave.Id, closes, ct), kind == "reminder")));
            }
        }
        return due;
    }

    /// <summary>
    /// A wave e-mail's key: participant and wave, without the dates, so that moving a wave's schedule
    /// moves only the e-mails not yet sent and never sends one twice.
    /// </summary>
    internal static string Stem(long participantId, int waveId) => string.Create(CultureInfo.InvariantCulture, $"wave:{participantId}:{waveId}");

    private static string Body(string language, string name, string study, string wave, DateTimeOffset closes, string link, bool reminder) =>
        MailText.Get(language, reminder ? "Wave.ReminderBody" : "Wave.Body", name, wave, study, MailText.Day(language, closes), link, "\n");

    /// <summary>A new single-use link for one participant's wave; only its hash is stored.</summary>
    private async Task<string> MintAsync(long participantId, int waveId, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var token = SecretToken.New();
        await using var db = contexts();
        db.WaveLinks.Add(new WaveLink { ParticipantId = participantId, WaveId = waveId, TokenHash = TokenHash.Of(token), CreatedAt = clock.GetUtcNow(), ExpiresAt = expires.ToUniversalTime() }); // PostgreSQL stores instants in UTC only
        await db.SaveChangesAsync(cancellationToken);
        return $"{publicUrl.TrimEnd('/')}/w/{token}";
    }

    /// <summary>Every enrolled participant's waves with their windows and whether they are complete.</summary>
    private static async Task<List<Open>> WavesAsync(HearthDbContext db, CancellationToken cancellationToken)
    {
        var participants = await db.StudyParticipants.AsNoTracking().Where(p => p.Status == ParticipantStatus.Enrolled && p.ArmId != null).ToListAsync(cancellationToken);
        if (participants.Count == 0)
        {
            return [];
        }
        var studyIds = participants.Select(p => p.StudyId).Distinct().ToList();
        var studies = await db.Studies.AsNoTracking().Where(s => studyIds.Contains(s.Id)).Include(s => s.Arms).Include(s => s.Waves).AsSplitQuery().ToDictionaryAsync(s => s.Id, cancellationToken);
        var ids = participants.Select(p => p.Id).ToList();
        var done = (await db.StudyWaveResponses.AsNoTracking().Where(r => ids.Contains(r.ParticipantId)).Select(r => new { r.ParticipantId, r.WaveId, r.InstrumentId }).ToListAsync(cancellationToken))
            .ToLookup(r => (r.ParticipantId, r.WaveId), r => r.InstrumentId);
        var result = new List<Open>();
        foreach (var p in participants)
        {
            var study = studies[p.StudyId];
            var windows = await StudyWaves.WindowsAsync(db, study, study.Arms.Single(a => a.Id == p.ArmId), p, cancellationToken);
            foreach (var (wave, window) in study.Waves.OrderBy(w => w.Order).Zip(windows))
            {
                var complete = StudyDesigns.Split(wave.Instruments).All(i => done[(p.Id, wave.Id)].Contains(i));
                result.Add(new Open(p, study, wave, window.Opens, window.Closes, complete));
            }
        }
        return result;
    }

    /// <summary>The delivery log of a researcher's study: one row per participant and wave, by pseudonym (null for someone else's study).</summary>
    public async Task<IReadOnlyList<WaveDelivery>?> LogAsync(string researcherId, int studyId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        if (!await db.Studies.RunBy(researcherId).AnyAsync(s => s.Id == studyId, cancellationToken))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var waves = (await WavesAsync(db, cancellationToken)).Where(w => w.Study.Id == studyId).ToList();
        var ids = waves.Select(w => w.Participant.Id).Distinct().ToList();
        // Looked up by (participant, wave), so the log costs one pass however large the study.
        var opened = (await db.WaveLinks.AsNoTracking().Where(l => ids.Contains(l.ParticipantId) && l.OpenedAt != null)
                .Select(l => new { l.ParticipantId, l.WaveId, l.OpenedAt }).ToListAsync(cancellationToken))
            .GroupBy(l => (l.ParticipantId, l.WaveId)).ToDictionary(g => g.Key, g => g.Min(l => l.OpenedAt));
        var completedAt = (await db.StudyWaveResponses.AsNoTracking().Where(r => ids.Contains(r.ParticipantId))
                .Select(r => new { r.ParticipantId, r.WaveId, r.CompletedAt }).ToListAsync(cancellationToken))
            .GroupBy(r => (r.ParticipantId, r.WaveId)).ToDictionary(g => g.Key, g => g.Max(r => r.CompletedAt));
        // Invitation keys are wave:{participant}:{wave}:invite; the two numbers find the row.
        var sent = (await db.ReminderDeliveries.AsNoTracking().Where(r => r.Key.StartsWith("wave:") && r.SentAt != null && r.Key.EndsWith(":invite"))
                .Select(r => new { r.Key, r.SentAt }).ToListAsync(cancellationToken))
            .Select(r => (Parts: r.Key.Split(':'), r.SentAt))
            .GroupBy(r => (long.Parse(r.Parts[1], CultureInfo.InvariantCulture), int.Parse(r.Parts[2], CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => g.Min(r => r.SentAt));
        return [.. waves.OrderBy(w => w.Participant.EnrolmentNumber).ThenBy(w => w.Wave.Order).Select(w =>
        {
            var key = (w.Participant.Id, w.Wave.Id);
            DateTimeOffset? completed = w.Complete && completedAt.TryGetValue(key, out var at) ? at : null;
            return new WaveDelivery(w.Participant.Pseudonym, w.Wave.Name, w.Opens,
                sent.GetValueOrDefault(key), opened.GetValueOrDefault(key), completed,
                completed is null && now >= w.Closes ? w.Closes : null);
        })];
    }
}
