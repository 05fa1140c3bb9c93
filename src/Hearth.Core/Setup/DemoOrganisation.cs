using System.Globalization;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Setup;

/// <summary>
/// The demo's people: teams whose sizes exercise every anonymity protection (a team of 3, a team of 4
/// inside a team of 9, teams of 6 and 12, and larger ones: 64 staff in all, over five professions and two
/// sites), and two years of fortnightly WHO-5 check-ins. A caseload cap came into force a year ago in
/// two teams; their wellbeing rises after it, so its evaluation has something to show.
/// </summary>
internal sealed class DemoOrganisation(HearthDbContext db, UserManager<HearthUser> users, InstrumentCatalog catalog, MeasurementSecrets secrets, TimeProvider clock)
{
    public const string Community = "Community service";
    public const string HomeTreatment = "Home treatment team";
    public const string Crisis = "Crisis team";
    public const string Outpatients = "Outpatient clinic";
    public const string InpatientWard = "Inpatient ward";
    public const string OlderAdults = "Older adults service";
    public const string ChildrenAndYoungPeople = "Children and young people's service";

    public static readonly string[] Professions = ["Nurse", "Psychologist", "Psychiatrist", "Social worker", "Occupational therapist"];
    public static readonly string[] Sites = ["North site", "South site"];

    /// <summary>The teams where the caseload cap came into force, a year before the demo starts.</summary>
    public static readonly string[] CappedTeams = [InpatientWard, OlderAdults];

    /// <summary>Staff generated per team, besides the named demo accounts (in the team of 9, five sit directly in it, four in its home treatment team).</summary>
    private static readonly (string Team, int Staff)[] Staff =
        [(Community, 5), (HomeTreatment, 4), (Crisis, 3), (Outpatients, 6), (InpatientWard, 11), (OlderAdults, 13), (ChildrenAndYoungPeople, 15)];

    private const int Weeks = 104;

    public static async Task<IReadOnlyDictionary<string, Team>> AddTeamsAsync(HearthDbContext db)
    {
        var teams = Staff.Select(s => s.Team).ToDictionary(name => name, name => new Team { Name = name });
        db.Teams.AddRange(teams.Values);
        await db.SaveChangesAsync();
        teams[HomeTreatment].ParentId = teams[Community].Id;
        await db.SaveChangesAsync();
        return teams;
    }

    public async Task AddStaffAndCheckInsAsync(IReadOnlyDictionary<string, Team> teams)
    {
        var number = 0;
        foreach (var (team, count) in Staff)
        {
            for (var i = 0; i < count; i++, number++)
            {
                var email = $"staff{number + 1}@demo.hearth";
                // No password: these accounts fill the dashboards; nobody signs in as them.
                var user = new HearthUser
                {
                    UserName = email, Email = email, DisplayName = $"Staff member {number + 1}", TeamId = teams[team].Id,
                    Profession = Professions[number % Professions.Length], Site = Sites[(number / 3) % Sites.Length], CreatedAt = clock.GetUtcNow(),
                };
                await users.CreateAsync(user);
                await users.AddToRoleAsync(user, Roles.Clinician);
            }
        }

        var capped = CappedTeams.Select(t => teams[t].Id).ToHashSet();
        var everyone = await db.Users.AsNoTracking().Where(u => u.TeamId != null).Select(u => new { u.Id, u.TeamId }).ToListAsync();
        var now = clock.GetUtcNow();
        var start = now.AddDays(-7 * Weeks);
        var capFrom = now.AddDays(-365);
        var random = new Random(2026);
        var demoClock = new DemoClock();
        var store = new BatchedDemoStore(db);
        var measurements = new MeasurementService(db, catalog, demoClock, secrets, store);
        foreach (var person in everyone)
        {
            var baseline = random.Next(1, 5);
            for (var week = 0; week < Weeks; week += 2)
            {
                var at = start.AddDays(week * 7 + random.Next(0, 3));
                var dip = Math.Sin(week / 52.0 * 2 * Math.PI) > 0.5 ? 1 : 0;
                // After the cap, each answer in a capped team is one point higher about half the time.
                var lift = capped.Contains(person.TeamId!.Value) && at >= capFrom ? 1 : 0;
                var answers = Enumerable.Range(1, 5).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture),
                    _ => (double?)Math.Clamp(baseline - dip + random.Next(-1, 2) + (random.Next(2) == 0 ? lift : 0), 0, 5));
                demoClock.Now = at;
                await measurements.SubmitAsync(person.Id, "who-5", answers, MeasurementKind.CheckIn, requireAll: true);
            }
            await store.CommitAsync(); // one transaction per person, not per check-in: the demo starts in seconds
        }
        await AddDemandsAndTheCapAsync(teams, capFrom, random);
    }

    /// <summary>Two years of each team's recorded demands (caseloads fall where the cap applies), and the cap in the change log.</summary>
    private async Task AddDemandsAndTheCapAsync(IReadOnlyDictionary<string, Team> teams, DateTimeOffset capFrom, Random random)
    {
        var sizes = await db.Users.Where(u => u.TeamId != null).GroupBy(u => u.TeamId!.Value).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var now = clock.GetUtcNow();
        var firstMonth = new DateOnly(now.Year, now.Month, 1).AddMonths(-Weeks / 52 * 12);
        var capMonth = new DateOnly(capFrom.Year, capFrom.Month, 1);
        foreach (var (name, team) in teams)
        {
            var staff = sizes.GetValueOrDefault(team.Id);
            var capped = CappedTeams.Contains(name);
            for (var month = firstMonth; month < new DateOnly(now.Year, now.Month, 1); month = month.AddMonths(1))
            {
                var after = capped && month >= capMonth;
                var contracted = staff * 150.0;
                db.TeamMonths.Add(new Insights.TeamMonth
                {
                    TeamId = team.Id, Month = month, UpdatedAt = now,
                    Caseload = Math.Round((after ? 21 : 29) + random.NextDouble() * 4, 1),
                    ContractedHours = contracted,
                    WorkedHours = Math.Round(contracted * (after ? 1.01 : 1.07) + random.Next(0, 40)),
                    OvertimeHours = Math.Round(contracted * (after ? 0.01 : 0.07) + random.Next(0, 20)),
                    OnCallShifts = random.Next(2, 8),
                    SickLeaveDays = Math.Round(staff * (after ? 0.6 : 1.1) + random.Next(0, 4)),
                    Vacancies = random.Next(0, 3) * 0.5,
                    SupervisionHours = Math.Round(staff * (after ? 1.5 : 1.0) + random.Next(0, 3)),
                });
            }
        }
        db.OrganisationalChanges.Add(new Insights.OrganisationalChange
        {
            Title = "Caseload cap of 24 open cases",
            Kind = Insights.ChangeKind.CaseloadCap,
            Description = "No clinician holds more than 24 open cases; new referrals wait on a shared list instead.",
            StartsOn = DateOnly.FromDateTime(capFrom.UtcDateTime),
            TeamIds = string.Join(",", CappedTeams.Select(t => teams[t].Id).Order()),
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Collects the demo's synthetic check-ins and writes a person's at once.</summary>
    private sealed class BatchedDemoStore(HearthDbContext db) : IMeasurementStore
    {
        public Task SaveAsync(Measurement measurement, CancellationToken cancellationToken = default)
        {
            db.Measurements.Add(measurement);
            return Task.CompletedTask;
        }

        public async Task CommitAsync()
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
