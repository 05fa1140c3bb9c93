using System.Collections.Concurrent;
using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Studies;
using Hearth.Content.Studies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hearth.Web.Tests;

/// <summary>
/// Two whole app instances on one database, each running its reminder worker every second: every
/// reminder is delivered once. On CI this runs on PostgreSQL as well as on a shared SQLite file.
/// </summary>
public class ReminderInstancesTests
{
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES") is { Length: > 0 } || Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            data.Add("postgres");
        }
        return data;
    }

    private sealed class RecordingSender : IReminderSender
    {
        public ConcurrentQueue<(string Instance, ReminderMessage Message)> Sent { get; } = [];
        public required string Instance { get; init; }

        public async Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken); // a mail server takes a moment; let the instances overlap
            Sent.Enqueue((Instance, message));
        }
    }

    private sealed class Instance(string dataDirectory, string? connectionString, IReminderSender sender, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Hearth:DataDirectory", dataDirectory);
            builder.UseSetting("Hearth:ReminderIntervalSeconds", "1");
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:Hearth", connectionString);
            }
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<IReminderSender>();
                services.AddSingleton(sender);
                services.UseClock(clock);
            });
        }
    }

    /// <summary>Two instances on a fresh database (a shared SQLite file, or a new PostgreSQL database), with one clock.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        public required Instance A { get; init; }
        public required Instance B { get; init; }
        public required RecordingSender First { get; init; }
        public required RecordingSender Second { get; init; }
        public required Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; init; }
        public required bool Postgres { get; init; }

        public static Pair Start(string provider)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("hearth-reminders-").FullName;
            string? connection = null;
            if (provider == "postgres")
            {
                var server = Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("HEARTH_TEST_POSTGRES is not set: PostgreSQL tests need a server (.ci/run starts one)");
                connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"hearth_reminders_{Guid.NewGuid():N}" }.ConnectionString;
            }
            var first = new RecordingSender { Instance = "first" };
            var second = new RecordingSender { Instance = "second" };
            // One clock for both instances; it moves a second at a time, so each worker passes once per step.
            var clock = Hearth.Tests.TestClock.Create();
            var a = new Instance(dataDirectory, connection, first, clock);
            _ = a.Services; // starts it and migrates the database
            var b = new Instance(dataDirectory, connection, second, clock);
            _ = b.Services;
            return new Pair { A = a, B = b, First = first, Second = second, Clock = clock, Postgres = provider == "postgres" };
        }

        public IReadOnlyList<ReminderMessage> All => [.. First.Sent.Concat(Second.Sent).Select(s => s.Message)];

        /// <summary>Moves the clock a second at a time until <paramref name="count"/> e-mails are out, then lets both workers pass several more times.</summary>
        public async Task RunUntilAsync(int count)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (First.Sent.Count + Second.Sent.Count < count && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(200);
            }
            for (var pass = 0; pass < 5; pass++)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(300);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Postgres)
            {
                using var scope = A.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Database.EnsureDeletedAsync();
            }
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }

    private static async Task AddUsersAsync(IServiceProvider services, params string[] ids)
    {
        var db = services.GetRequiredService<HearthDbContext>();
        foreach (var id in ids)
        {
            db.Users.Add(new HearthUser { Id = id, UserName = id, Email = $"{id}@reminders.example", DisplayName = id });
        }
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_send_each_reminder_once(string provider)
    {
        await using var pair = Pair.Start(provider);
        using (var scope = pair.A.Services.CreateScope())
        {
            await AddUsersAsync(scope.ServiceProvider, "fac", "p1", "p2", "p3");
            var scheduling = scope.ServiceProvider.GetRequiredService<CohortScheduling>();
            var members = scope.ServiceProvider.GetRequiredService<CohortMembers>();
            var soon = pair.Clock.GetUtcNow().UtcDateTime.AddHours(3);
            var cohort = (await scheduling.StartAsync("fac", new NewCohort("helping-the-helper", "Soon", DateOnly.FromDateTime(soon), new TimeOnly(soon.Hour, 0), "UTC", null, null, 5))).Require();
            foreach (var p in new[] { "p1", "p2", "p3" })
            {
                Assert.True((await members.AddParticipantAsync("fac", cohort.Id, p)).Require());
            }
        }

        await pair.RunUntilAsync(3);

        var all = pair.All;
        Assert.Equal(3, all.Count);
        Assert.Equal(["p1", "p2", "p3"], all.Select(m => m.UserId).Order());
        using var check = pair.B.Services.CreateScope();
        var rows = await check.ServiceProvider.GetRequiredService<HearthDbContext>().ReminderDeliveries.AsNoTracking().ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.NotNull(r.SentAt));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_send_each_wave_invitation_once_with_its_own_link(string provider)
    {
        await using var pair = Pair.Start(provider);
        int studyId;
        using (var scope = pair.A.Services.CreateScope())
        {
            var people = new[] { "p1", "p2", "p3", "p4" };
            await AddUsersAsync(scope.ServiceProvider, ["researcher", .. people]);
            var designs = scope.ServiceProvider.GetRequiredService<StudyDesigns>();
            var draft = new StudyDraft("Waves across instances", null, "None; this checks delivery.", ["who-5/total"], [],
                [new ArmDraft("program", ArmKind.Active, "helping-the-helper"), new ArmDraft("usual", ArmKind.TreatmentAsUsual, null)],
                AllocationMethod.Simple, [], [new CriterionDraft("clinician", "Do you work with patients?", true)],
                [new WaveDefinition("pre", WaveAnchor.Enrolment, 0, 14, ["who-5"])], "UTC");
            studyId = (await designs.CreateAsync("researcher", draft)).Require().Id;
            (await designs.PublishConsentAsync("researcher", studyId, "You may stop at any time.")).Require();
            (await designs.OpenRecruitmentAsync("researcher", studyId)).Require();
            var enrolment = scope.ServiceProvider.GetRequiredService<StudyEnrolment>();
            foreach (var person in people)
            {
                (await enrolment.EnrolAsync(person, studyId, new Dictionary<string, bool> { ["clinician"] = true }, 1)).Require();
            }
        }
        pair.Clock.Advance(TimeSpan.FromDays(1)); // the pre wave has opened for everyone

        await pair.RunUntilAsync(4);

        var all = pair.All;
        Assert.Equal(4, all.Count); // one invitation each, no reminder yet, though both workers ran every second
        Assert.Equal(["p1", "p2", "p3", "p4"], all.Select(m => m.UserId).Order());
        Assert.All(all, m => Assert.EndsWith(":invite", m.Key, StringComparison.Ordinal));
        Assert.Equal(4, all.Select(m => System.Text.RegularExpressions.Regex.Match(m.Body, "/w/([A-Za-z0-9_-]+)").Groups[1].Value).Where(t => t.Length > 0).Distinct().Count());
        using var check = pair.B.Services.CreateScope();
        var log = await check.ServiceProvider.GetRequiredService<WaveInvitations>().LogAsync("researcher", studyId);
        Assert.NotNull(log);
        Assert.Equal(4, log.Count(l => l.Sent is not null));
    }
}
