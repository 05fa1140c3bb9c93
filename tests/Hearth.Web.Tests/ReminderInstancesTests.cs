using System.Collections.Concurrent;
using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
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

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_send_each_reminder_once(string provider)
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
        // One clock for both instances; it moves a second at a time below, so each worker passes once per step.
        var clock = Hearth.Tests.TestClock.Create();
        await using var a = new Instance(dataDirectory, connection, first, clock);
        _ = a.Services; // starts it and migrates the database
        await using var b = new Instance(dataDirectory, connection, second, clock);
        _ = b.Services;
        try
        {
            using (var scope = a.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
                foreach (var id in new[] { "fac", "p1", "p2", "p3" })
                {
                    db.Users.Add(new HearthUser { Id = id, UserName = id, Email = $"{id}@reminders.example", DisplayName = id });
                }
                await db.SaveChangesAsync();
                var scheduling = scope.ServiceProvider.GetRequiredService<CohortScheduling>();
                var members = scope.ServiceProvider.GetRequiredService<CohortMembers>();
                var soon = clock.GetUtcNow().UtcDateTime.AddHours(3);
                var cohort = (await scheduling.StartAsync("fac", new NewCohort("helping-the-helper", "Soon", DateOnly.FromDateTime(soon), new TimeOnly(soon.Hour, 0), "UTC", null, null, 5))).Require();
                foreach (var p in new[] { "p1", "p2", "p3" })
                {
                    Assert.True((await members.AddParticipantAsync("fac", cohort.Id, p)).Require());
                }
            }

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (first.Sent.Count + second.Sent.Count < 3 && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(200);
            }
            for (var pass = 0; pass < 5; pass++) // several more passes by both instances
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(300);
            }

            var all = first.Sent.Concat(second.Sent).Select(s => s.Message).ToList();
            Assert.Equal(3, all.Count);
            Assert.Equal(["p1", "p2", "p3"], all.Select(m => m.UserId).Order());
            using var check = b.Services.CreateScope();
            var rows = await check.ServiceProvider.GetRequiredService<HearthDbContext>().ReminderDeliveries.AsNoTracking().ToListAsync();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.NotNull(r.SentAt));
        }
        finally
        {
            if (provider == "postgres")
            {
                using var scope = a.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Database.EnsureDeletedAsync();
            }
        }
    }
}
