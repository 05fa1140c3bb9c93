using System.Collections.Concurrent;
using Hearth.Core.Cohorts;
using Hearth.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Cohorts;

public class ReminderTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private sealed class RecordingSender : IReminderSender
    {
        public ConcurrentBag<ReminderMessage> Sent { get; } = [];
        public int FailuresLeft { get; set; }
        public int Tries;

        public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Tries);
            await Task.Yield(); // a real send takes time; let instances interleave
            if (FailuresLeft > 0)
            {
                FailuresLeft--;
                throw new IOException("mail server down");
            }
            Sent.Add(message);
        }
    }

    private static ReminderDispatcher Instance(CohortFixture f, IReminderSender sender, string name) =>
        new(() => f.Test.Fresh(), CohortFixture.Programs.Value, sender, f.Clock, new ReminderOptions(), name);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_on_one_database_send_each_reminder_once(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben", "cat");
        await f.StartAsync("helping-the-helper", "ann", "ben", "cat"); // session 1: 8 Oct 08:30 UTC
        f.Clock.Now = new DateTimeOffset(2026, 10, 7, 12, 0, 0, TimeSpan.Zero);
        var sender = new RecordingSender();
        var first = Instance(f, sender, "instance-a");
        var second = Instance(f, sender, "instance-b");

        for (var pass = 0; pass < 5; pass++)
        {
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));
        }

        var keys = sender.Sent.Select(m => m.Key).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal(3, keys.Distinct().Count());
        Assert.All(sender.Sent, m => Assert.StartsWith("session:", m.Key, StringComparison.Ordinal));
        Assert.Contains("9:30", string.Concat(sender.Sent.Select(m => m.Body)).Replace("09:30", "9:30", StringComparison.Ordinal), StringComparison.Ordinal);

        // A restarted instance (a new dispatcher) finds everything already sent.
        Assert.Equal(0, await Instance(f, sender, "instance-a-restarted").RunOnceAsync());
        Assert.Equal(3, sender.Sent.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Open_homework_gets_one_reminder_before_the_next_session(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben");
        var cohort = await f.StartAsync("helping-the-helper", "ann", "ben");
        var homework = CohortFixture.Programs.Value.Find("helping-the-helper")!.Sessions[0].Homework.Count;
        f.Clock.Now = new DateTimeOffset(2026, 10, 14, 12, 0, 0, TimeSpan.Zero); // a day before session 2
        for (var i = 0; i < homework; i++)
        {
            (await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, i, done: true)).Require();
        }
        var sender = new RecordingSender();
        Assert.Equal(3, await Instance(f, sender, "a").RunOnceAsync());
        var homeworkReminder = Assert.Single(sender.Sent, m => m.Key.StartsWith("homework:", StringComparison.Ordinal));
        Assert.Equal("ben", homeworkReminder.UserId);
        Assert.Equal(0, await Instance(f, sender, "b").RunOnceAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_claim_left_by_a_crashed_instance_is_sent_after_its_lease(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        var session = await f.Db.CohortSessions.SingleAsync(s => s.CohortId == cohort.Id && s.Number == 1);
        f.Clock.Now = new DateTimeOffset(2026, 10, 7, 12, 0, 0, TimeSpan.Zero);
        // The instance that claimed it died before sending: the claim is there, unsent, lease running.
        f.Db.ReminderDeliveries.Add(new ReminderDelivery { Key = $"session:{session.Id}:{session.StartsAt.ToUnixTimeSeconds()}:ann", UserId = "ann", ClaimedBy = "crashed", ClaimedUntil = f.Clock.Now.AddMinutes(3), Attempts = 1 });
        await f.Db.SaveChangesAsync();

        var sender = new RecordingSender();
        Assert.Equal(0, await Instance(f, sender, "survivor").RunOnceAsync()); // lease still held
        f.Clock.Now = f.Clock.Now.AddMinutes(5);
        Assert.Equal(1, await Instance(f, sender, "survivor").RunOnceAsync());
        Assert.Equal(0, await Instance(f, sender, "survivor").RunOnceAsync());
        await using var fresh = f.Test.Fresh();
        var row = await fresh.ReminderDeliveries.SingleAsync();
        Assert.Equal(("survivor", 2), (row.ClaimedBy, row.Attempts));
        Assert.NotNull(row.SentAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_send_is_retried_after_the_lease_and_not_before(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        await f.StartAsync("helping-the-helper", "ann");
        f.Clock.Now = new DateTimeOffset(2026, 10, 7, 12, 0, 0, TimeSpan.Zero);
        var sender = new RecordingSender { FailuresLeft = 1 };
        var instance = Instance(f, sender, "a");
        Assert.Equal(0, await instance.RunOnceAsync());
        Assert.Equal(0, await instance.RunOnceAsync());
        f.Clock.Now = f.Clock.Now.AddMinutes(6);
        Assert.Equal(1, await instance.RunOnceAsync());
        Assert.Single(sender.Sent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_reminder_that_keeps_failing_is_given_up_after_five_attempts(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        await f.StartAsync("helping-the-helper", "ann");
        f.Clock.Now = new DateTimeOffset(2026, 10, 7, 9, 0, 0, TimeSpan.Zero);
        var sender = new RecordingSender { FailuresLeft = 100 };
        for (var pass = 0; pass < 8; pass++)
        {
            await Instance(f, sender, "a").RunOnceAsync();
            f.Clock.Now = f.Clock.Now.AddMinutes(6);
        }
        Assert.Equal(5, sender.Tries);
        Assert.Empty(sender.Sent);
        await using var fresh = f.Test.Fresh();
        var row = await fresh.ReminderDeliveries.SingleAsync();
        Assert.Equal(5, row.Attempts);
        Assert.Null(row.SentAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_session_moved_after_its_reminder_gets_a_new_one_with_the_new_time(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        f.Clock.Now = new DateTimeOffset(2026, 10, 7, 12, 0, 0, TimeSpan.Zero);
        var sender = new RecordingSender();
        Assert.Equal(1, await Instance(f, sender, "a").RunOnceAsync());
        (await f.Scheduling.RescheduleAsync("facilitator", cohort.Id, 1, new DateOnly(2026, 10, 8), new TimeOnly(11, 0))).Require();
        Assert.Equal(1, await Instance(f, sender, "a").RunOnceAsync());
        Assert.Contains("at 11:00", sender.Sent.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Body).Last(b => b.Contains("11:00", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(0, await Instance(f, sender, "a").RunOnceAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Each_measurement_point_asks_once_for_the_questionnaires(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben");
        await f.StartAsync("helping-the-helper", "ann", "ben"); // first session 8 Oct 08:30 UTC; post point 42 days later
        f.Clock.Now = new DateTimeOffset(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
        var sender = new RecordingSender();
        await Instance(f, sender, "a").RunOnceAsync();
        Assert.Empty(sender.Sent); // none of the program's questionnaires is in use here: nothing to ask
        f.Db.InstrumentChoices.Add(new Hearth.Core.Organisations.InstrumentChoice { InstrumentId = "mspss", Enabled = true });
        await f.Db.SaveChangesAsync();
        await Instance(f, sender, "a").RunOnceAsync();
        var asked = sender.Sent.Where(m => m.Key.StartsWith("measure:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["ann", "ben"], asked.Select(m => m.UserId).Order());
        Assert.All(asked, m => Assert.Contains("post questionnaires", m.Subject, StringComparison.Ordinal));
        Assert.Equal(0, await Instance(f, sender, "b").RunOnceAsync());
    }
}
