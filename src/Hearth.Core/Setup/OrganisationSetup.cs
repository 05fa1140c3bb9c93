using System.Security.Cryptography;
using Hearth.Content.Instruments;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Setup;

/// <summary>First start: roles, the organisation and its first administrator, sensible defaults; or a demo organisation.</summary>
public sealed class OrganisationSetup(
    HearthDbContext db,
    UserManager<HearthUser> users,
    RoleManager<IdentityRole> roles,
    InstrumentCatalog catalog,
    MeasurementSecrets secrets,
    TimeProvider clock)
{
    /// <summary>The instruments a new organisation starts with: free ones, WHO-5 as the check-in.</summary>
    private static readonly string[] DefaultInstruments = ["who-5", "phq-9", "gad-7", "cbi", "proqol-5", "brs", "ucla-3", "mspss", "olbi"];
    private const string CheckIn = "who-5";
    private static readonly string[] FirstAdministratorRoles = [Roles.Administrator, Roles.Clinician];
    private static readonly string[] ClinicianOnly = [Roles.Clinician];
    private static readonly string[] DemoTeams = ["Community team", "Inpatient ward", "Crisis team"];
    private static readonly string[] DemoProfessions = ["Nurse", "Psychologist", "Psychiatrist", "Social worker", "Occupational therapist"];
    private static readonly string[] DemoSites = ["North site", "South site"];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>
    /// True only on a fresh installation: no organisation yet and nobody holding the administrator
    /// role. Once set up, setup never reopens, whatever happens to accounts later.
    /// </summary>
    public async Task<bool> IsOpenAsync() =>
        !await db.Organisations.AnyAsync() && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 0;

    public async Task<IdentityResult> CreateAsync(string organisation, string name, string email, string password)
    {
        if (!await IsOpenAsync())
        {
            return IdentityResult.Failed(new IdentityError { Code = "closed", Description = "Hearth is already set up." });
        }
        var admin = new HearthUser { UserName = email, Email = email, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            return created;
        }
        await users.AddToRolesAsync(admin, FirstAdministratorRoles);
        db.Organisations.Add(new Organisation { Name = organisation, CreatedAt = clock.GetUtcNow() });
        foreach (var id in DefaultInstruments.Where(id => catalog.Find(id) is { CanBeAdministered: true }))
        {
            var instrument = catalog.Find(id)!;
            db.InstrumentChoices.Add(new InstrumentChoice
            {
                InstrumentId = id,
                Enabled = true,
                InCheckIn = id == CheckIn,
                // The administrator who sets Hearth up accepts the terms shown on the setup page.
                LicenceAcknowledgedAt = clock.GetUtcNow(),
                LicenceAcknowledgedById = admin.Id,
            });
        }
        if (!await db.CrisisResources.AnyAsync())
        {
            db.CrisisResources.Add(new CrisisResource
            {
                Name = "Emergency services",
                Phone = "112",
                Description = "If you or someone else is in immediate danger. Your administrator adds local lines and services here.",
            });
        }
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), ActorId = admin.Id, Action = "setup", Details = organisation });
        await db.SaveChangesAsync();
        return IdentityResult.Success;
    }

    /// <summary>A demo organisation with teams, accounts and a year of synthetic check-ins. Returns the logins.</summary>
    public async Task<IReadOnlyList<(string Email, string Password, string Roles)>> SeedDemoAsync(string? password = null)
    {
        if (!await IsOpenAsync())
        {
            return [];
        }
        password ??= "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + "-hearth";
        var created = await CreateAsync("Riverside Mental Health Service (demo)", "Alex Admin", "admin@demo.hearth", password);
        if (!created.Succeeded)
        {
            return [];
        }
        var teams = DemoTeams.Select(n => new Team { Name = n }).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();

        var logins = new List<(string, string, string)> { ("admin@demo.hearth", password, "administrator, clinician") };
        var random = new Random(2026);
        var people = new[] { ("Sam Clinician", "sam@demo.hearth", Roles.Clinician), ("Fran Facilitator", "fran@demo.hearth", Roles.Facilitator), ("Lee Lead", "lee@demo.hearth", Roles.WellbeingLead), ("Rae Researcher", "rae@demo.hearth", Roles.Researcher) };
        foreach (var (name, email, role) in people)
        {
            var user = new HearthUser { UserName = email, Email = email, DisplayName = name, TeamId = teams[random.Next(teams.Count)].Id,
                Profession = DemoProfessions[random.Next(DemoProfessions.Length)], Site = DemoSites[0], CreatedAt = clock.GetUtcNow() };
            await users.CreateAsync(user, password);
            await users.AddToRolesAsync(user, role == Roles.Clinician ? ClinicianOnly : [role, Roles.Clinician]);
            logins.Add((email, password, role));
        }
        for (var i = 0; i < 20; i++)
        {
            var user = new HearthUser { UserName = $"clinician{i + 1}@demo.hearth", Email = $"clinician{i + 1}@demo.hearth", DisplayName = $"Clinician {i + 1}", TeamId = teams[i % teams.Count].Id,
                Profession = DemoProfessions[i % DemoProfessions.Length], Site = DemoSites[i % DemoSites.Length], CreatedAt = clock.GetUtcNow() };
            await users.CreateAsync(user, password);
            await users.AddToRoleAsync(user, Roles.Clinician);
        }

        // A year of fortnightly WHO-5 check-ins for every clinician, drifting with a seasonal dip.
        var everyone = await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync();
        var start = clock.GetUtcNow().AddDays(-365);
        var demoClock = new DemoClock();
        var measurements = new MeasurementService(db, catalog, demoClock, secrets, new DirectMeasurementStore(db));
        foreach (var id in everyone)
        {
            var baseline = random.Next(1, 5);
            for (var week = 0; week < 52; week += 2)
            {
                var dip = Math.Sin(week / 52.0 * 2 * Math.PI) > 0.5 ? 1 : 0;
                var answers = Enumerable.Range(1, 5).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => (double?)Math.Clamp(baseline - dip + random.Next(-1, 2), 0, 5));
                demoClock.Now = start.AddDays(week * 7);
                await measurements.SubmitAsync(id, CheckIn, answers, MeasurementKind.CheckIn, requireAll: true);
            }
        }
        return logins;
    }
}
