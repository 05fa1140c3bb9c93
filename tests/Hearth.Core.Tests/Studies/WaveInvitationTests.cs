using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Measurements;
using Hearth.Core.Studies;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Studies;

/// <summary>Wave e-mails go out once across instances, carry a single-use link, stop when the wave is done, and fill the delivery log.</summary>
public partial class WaveInvitationTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private sealed class Outbox : IReminderSender
    {
        public ConcurrentBag<ReminderMessage> Sent { get; } = [];

        public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield(); // let two instances interleave
            Sent.Add(message);
        }
    }

    /// <summary>A study with a pre and a post WHO-5 wave, open, with Ann and Ben enrolled.</summary>
    private static async Task<(Study Study, StudyEnrolment Enrolment)> TwoEnrolledAsync(CohortFixture f)
    {
        var draft = StudyTests.ThreeArm(AllocationMethod.PermutedBlocks) with
        {
            Waves = [new WaveDefinition("pre", WaveAnchor.Enrolment, 0, 14, ["who-5"]), new WaveDefinition("post", WaveAnchor.ProgramEnd, 0, 14, ["who-5"])],
        };
        var study = await StudyTests.RecruitingAsync(f, draft);
        var enrolment = new StudyEnrolment(f.Db, new CohortMembers(f.Db, f.Clock), f.Clock);
        foreach (var person in new[] { "ann", "ben" })
        {
            (await enrolment.EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = false }, 1)).Require();
        }
        return (study, enrolment);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_wave_is_invited_once_reminded_once_and_its_link_opens_it_once(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben", "researcher");
        var (study, enrolment) = await TwoEnrolledAsync(f);

        var outbox = new Outbox();
        ReminderDispatcher Instance(string name) => new(() => f.Test.Fresh(), CohortFixture.Programs.Value, outbox, f.Clock, new ReminderOptions(), name,
            [new WaveInvitations(() => f.Test.Fresh(), f.Clock, "https://hearth.example.org")]);
        // Enrolled at 09:00 local (08:00 UTC): the pre wave opens at 09:00 local the same day.
        f.Clock.Now = f.Clock.Now.AddHours(2);
        var (dueNow, _) = await Instance("probe").DueAsync();
        Assert.True(dueNow.Count == 2, $"due: {dueNow.Count}; enrolled at {string.Join(",", await f.Db.StudyParticipants.Select(p => p.EnrolledAt).ToListAsync())}; now {f.Clock.Now:O}");
        await Task.WhenAll(Instance("one").RunOnceAsync(), Instance("two").RunOnceAsync());
        Assert.Equal(2, outbox.Sent.Count); // one invitation each, though two instances ran at once
        Assert.All(outbox.Sent, m => Assert.EndsWith(":invite", m.Key, StringComparison.Ordinal));
        await Instance("one").RunOnceAsync();
        Assert.Equal(2, outbox.Sent.Count);

        // Ann answers through her link; the second visit finds it spent.
        var anns = outbox.Sent.Single(m => m.UserId == "ann");
        var token = LinkPattern().Match(anns.Body).Groups[1].Value;
        Assert.NotEmpty(token);
        var redemption = new WaveLinkRedemption(f.Db, f.Clock);
        var view = await redemption.OpenAsync(token);
        Assert.NotNull(view);
        Assert.Equal(("ann", "pre"), (view.UserId, view.Wave));
        var measurement = new Measurement { UserId = "ann", InstrumentId = "who-5", InstrumentVersion = "1", SubmittedAt = f.Clock.Now, AnswersJson = "{}", SafetyRules = null };
        f.Db.Measurements.Add(measurement);
        await f.Db.SaveChangesAsync();
        Assert.Equal(1, await new StudyWaves(f.Db, f.Clock).LinkAsync("ann", measurement));
        Assert.True((await redemption.OpenAsync(token))!.Complete); // this visit spends it
        Assert.Null(await redemption.OpenAsync(token));
        Assert.Null(await redemption.OpenAsync("not-a-token"));

        // Halfway through the window only Ben, who has not answered, is reminded.
        f.Clock.Now = f.Clock.Now.AddDays(8);
        await Instance("two").RunOnceAsync();
        var reminder = Assert.Single(outbox.Sent, m => m.Key.EndsWith(":reminder", StringComparison.Ordinal));
        Assert.Equal("ben", reminder.UserId);

        // After the window: no more e-mails; the log shows Ann's wave completed and Ben's expired.
        f.Clock.Now = f.Clock.Now.AddDays(7);
        await Instance("one").RunOnceAsync();
        Assert.Equal(3, outbox.Sent.Count);
        var log = await new WaveInvitations(() => f.Test.Fresh(), f.Clock, "https://hearth.example.org").LogAsync("researcher", study.Id);
        Assert.NotNull(log);
        var pre = log.Where(l => l.Wave == "pre").ToList();
        Assert.Equal(2, pre.Count);
        Assert.All(pre, l => Assert.NotNull(l.Sent));
        Assert.Single(pre, l => l.Opened is not null && l.Completed is not null && l.Expired is null);
        Assert.Single(pre, l => l.Opened is null && l.Completed is null && l.Expired is not null);
        Assert.DoesNotContain(log, l => l.Participant is "ann" or "ben"); // pseudonyms only
        Assert.Null(await new WaveInvitations(() => f.Test.Fresh(), f.Clock, "https://hearth.example.org").LogAsync("other-facilitator", study.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Moving_a_wave_previews_the_change_moves_only_unsent_emails_and_never_sends_twice(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben", "researcher");
        var (study, enrolment) = await TwoEnrolledAsync(f);
        var outbox = new Outbox();
        ReminderDispatcher Instance() => new(() => f.Test.Fresh(), CohortFixture.Programs.Value, outbox, f.Clock, new ReminderOptions(), "one",
            [new WaveInvitations(() => f.Test.Fresh(), f.Clock, "https://hearth.example.org")]);
        f.Clock.Now = f.Clock.Now.AddHours(2);
        await Instance().RunOnceAsync();
        Assert.Equal(2, outbox.Sent.Count);

        var changes = new WaveScheduleChanges(f.Db, f.Clock);
        var waves = await f.Db.StudyWaves.Where(w => w.StudyId == study.Id).OrderBy(w => w.Order).ToListAsync();
        Assert.Equal("WindowDays", OutcomeAssert.Refused(await changes.PreviewAsync("researcher", study.Id, waves[0].Id, 3, 0)).Field);
        OutcomeAssert.Missing(await changes.PreviewAsync("other-facilitator", study.Id, waves[0].Id, 3, 14));
        // The pre invitations went out: moving pre changes no e-mail. Post's are not sent: both move.
        var pre = (await changes.PreviewAsync("researcher", study.Id, waves[0].Id, 3, 14)).Require();
        Assert.Equal((2, 2, 0), (pre.Participants, pre.AlreadySent, pre.WillMove));
        // Post opens at the planned program end (day 49); 49 days earlier is today, so both would be invited at once.
        var post = (await changes.PreviewAsync("researcher", study.Id, waves[1].Id, -49, 14)).Require();
        Assert.Equal((0, 2, 2), (post.AlreadySent, post.WillMove, post.DueAtOnce));
        Assert.Equal(0, (await changes.PreviewAsync("researcher", study.Id, waves[1].Id, -42, 14)).Require().DueAtOnce); // day 7: not yet
        await using (var check = f.Test.Fresh())
        {
            Assert.Equal(0, await check.StudyWaves.CountAsync(w => w.Id == waves[0].Id && w.OffsetDays == 3)); // a preview saves nothing
        }

        (await changes.SaveAsync("researcher", study.Id, waves[0].Id, 3, 14)).Require();
        f.Clock.Now = f.Clock.Now.AddDays(3);
        await Instance().RunOnceAsync();
        Assert.Equal(2, outbox.Sent.Count(m => m.Key.EndsWith(":invite", StringComparison.Ordinal))); // never twice
        Assert.Contains(await f.Db.AuditEntries.Where(a => a.Action == "study-wave-change").Select(a => a.Details).ToListAsync(), d => d!.Contains("2 e-mails already sent stay sent", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://hearth\.example\.org/w/([0-9a-f]+)")]
    private static partial Regex LinkPattern();
}
