using System.Security.Cryptography;
using Hearth.Content.Instruments;
using Hearth.Core.Localization;
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
    /// <summary>
    /// The instruments a new organisation starts with: free ones, and Hearth's own job demands and
    /// resources pulse for looking at working conditions; WHO-5, a validated measure, is the check-in.
    /// </summary>
    private static readonly string[] DefaultInstruments = ["who-5", "phq-9", "gad-7", "cbi", "proqol-5", "brs", "ucla-3", "mspss", "olbi", "jdr-pulse"];
    private const string CheckIn = "who-5";
    private static readonly string[] FirstAdministratorRoles = [Roles.Administrator, Roles.Clinician];
    private static readonly string[] ClinicianOnly = [Roles.Clinician];

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
            return IdentityResult.Failed(new IdentityError { Code = "closed", Description = ProblemText.Get("Setup.AlreadySetUp") });
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

    /// <summary>A demo organisation with teams, accounts and two years of synthetic check-ins (<see cref="DemoOrganisation"/>). Returns the logins.</summary>
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
        var logins = new List<(string, string, string)> { ("admin@demo.hearth", password, "administrator, clinician") };
        var teams = await DemoOrganisation.AddTeamsAsync(db);
        var people = new[]
        {
            ("Sam Clinician", "sam@demo.hearth", Roles.Clinician, DemoOrganisation.InpatientWard),
            ("Fran Facilitator", "fran@demo.hearth", Roles.Facilitator, DemoOrganisation.OlderAdults),
            ("Lee Lead", "lee@demo.hearth", Roles.WellbeingLead, DemoOrganisation.OlderAdults),
            ("Rae Researcher", "rae@demo.hearth", Roles.Researcher, DemoOrganisation.ChildrenAndYoungPeople),
        };
        foreach (var (name, email, role, team) in people)
        {
            var user = new HearthUser { UserName = email, Email = email, DisplayName = name, TeamId = teams[team].Id,
                Profession = DemoOrganisation.Professions[0], Site = DemoOrganisation.Sites[0], CreatedAt = clock.GetUtcNow() };
            await users.CreateAsync(user, password);
            await users.AddToRolesAsync(user, role == Roles.Clinician ? ClinicianOnly : [role, Roles.Clinician]);
            logins.Add((email, password, role));
        }
        await new DemoOrganisation(db, users, catalog, secrets, clock).AddStaffAndCheckInsAsync(teams);
        return logins;
    }
}
