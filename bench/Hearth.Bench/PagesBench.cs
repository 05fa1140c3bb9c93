using System.Diagnostics;
using System.Globalization;
using Hearth.Content.Instruments;
using Hearth.Core.Cohorts;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Setup;
using Hearth.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// <c>seed-pages CONNECTION_OR_DATADIR CLINICIANS WEEKS [DATADIR]</c>: prepares, for bench/pages/run.sh, the
/// database the web app then opens: a SQLite data directory (its hearth.db and key file), or a PostgreSQL
/// connection with DATADIR holding the key file. It builds the app's own services on that configuration
/// (so the key ring, Identity and encryption are the app's), sets the organisation up as /setup does with
/// one person who signs in (<see cref="Email"/>, <see cref="Password"/>; administrator, clinician and
/// facilitator), seeds CLINICIANS colleagues in teams with WEEKS weekly WHO-5 check-ins each
/// (<see cref="BenchOrganisation"/>), gives the person a year of their own check-ins (encrypted, through
/// the app's MeasurementService), a Helping the Helper cohort of 10 they lead (two sessions' attendance
/// recorded), and a place in another one, so /results, /my-program and /cohorts all have content.
/// </summary>
internal static class PagesBench
{
    public const string Usage = "seed-pages CONNECTION_OR_DATADIR CLINICIANS WEEKS [DATADIR]";
    public const string Email = "pages@bench.example";
    public const string Password = "benchmark password 1";

    public static async Task<int> RunAsync(string target, int clinicians, int weeks, string? keyDirectory)
    {
        var postgres = Database.IsPostgres(target);
        if (postgres && keyDirectory is null)
        {
            Console.Error.WriteLine("seed-pages: with PostgreSQL, name the data directory that holds the app's key file");
            return 2;
        }
        var dataDirectory = postgres ? keyDirectory! : target;
        var watch = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hearth:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:Hearth"] = postgres ? target : null,
            ["Logging:LogLevel:Default"] = "Warning",
            // Migrating a new PostgreSQL database first logs, as an error, that it does not exist yet.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        });
        builder.AddHearth();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<HearthDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));

        var created = await services.GetRequiredService<OrganisationSetup>().CreateAsync("Benchmark service", "Pat Pages", Email, Password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine("seed-pages: setup failed: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }
        var now = TimeProvider.System.GetUtcNow();
        var seeded = await BenchOrganisation.SeedCliniciansAsync(db, clinicians, weeks, now);
        var users = services.GetRequiredService<UserManager<HearthUser>>();
        var person = (await users.FindByEmailAsync(Email))!;
        Require(await users.AddToRoleAsync(person, Roles.Facilitator));
        // Another facilitator, whose cohort the person takes part in.
        var colleague = (await users.FindByIdAsync("u1"))!;
        Require(await users.AddToRolesAsync(colleague, [Roles.Clinician, Roles.Facilitator]));

        // A year of the person's own weekly check-ins, stored as the app stores a check-in (scored, answers encrypted).
        var moments = new SettableClock();
        var measurements = new MeasurementService(db, services.GetRequiredService<InstrumentCatalog>(), moments, services.GetRequiredService<MeasurementSecrets>());
        var random = new Random(15);
        for (var week = 51; week >= 0; week--)
        {
            moments.Now = now.AddDays(-7 * week).AddHours(-2);
            var answers = Enumerable.Range(1, 5).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), _ => (double?)random.Next(1, 6));
            var submitted = await measurements.SubmitAsync(person.Id, "who-5", answers, MeasurementKind.CheckIn, requireAll: true);
            if (!submitted.Succeeded)
            {
                throw new InvalidOperationException("check-in refused: " + string.Join("; ", submitted.Problems.Select(p => p.Message)));
            }
        }

        var scheduling = services.GetRequiredService<CohortScheduling>();
        var members = services.GetRequiredService<CohortMembers>();
        var attendance = services.GetRequiredService<CohortAttendance>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var led = (await scheduling.StartAsync(person.Id, new NewCohort("helping-the-helper", "Benchmark connection group", today.AddDays(-15), new TimeOnly(12, 30),
            "Europe/London", "Meeting room 2", null, 12))).Require();
        var participants = Enumerable.Range(2, 10).Select(i => "u" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var id in participants)
        {
            (await members.AddParticipantAsync(person.Id, led.Id, id)).Require();
        }
        foreach (var number in new[] { 1, 2 })
        {
            (await attendance.RecordAttendanceAsync(person.Id, led.Id, number, participants.Where(_ => random.NextDouble() < 0.85).ToHashSet())).Require();
        }
        var joined = (await scheduling.StartAsync(colleague.Id, new NewCohort("helping-the-helper", "Colleagues' connection group", today.AddDays(-8), new TimeOnly(16, 0),
            "Europe/London", null, "https://video.example.org/hth", 12))).Require();
        (await members.AddParticipantAsync(colleague.Id, joined.Id, person.Id)).Require();
        (await members.AddParticipantAsync(colleague.Id, joined.Id, "u12")).Require();

        var checkIns = await db.Measurements.LongCountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {clinicians:N0} clinicians in {seeded.Teams:N0} teams under {seeded.Services:N0} services, {checkIns:N0} check-ins, {Email} with 52 of their own, leading a cohort of {participants.Count} and in another, in {watch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
