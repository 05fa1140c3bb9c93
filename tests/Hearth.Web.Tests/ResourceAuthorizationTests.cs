using System.Security.Claims;
using Hearth.Core.Journal;
using Hearth.Core.Organisations;
using Hearth.Web.Security.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>
/// The resource-based handlers themselves, asked directly: who may lead, attend and share, for cohorts,
/// sessions, results and reflections. (The authorization matrix checks the same through HTTP.)
/// </summary>
public class ResourceAuthorizationTests(HearthApp app) : SetUpAppTests(app)
{
    private async Task<ClaimsPrincipal> PrincipalAsync(string email)
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<HearthUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<bool> MayAsync(string email, object resource, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var user = await PrincipalAsync(email);
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IAuthorizationService>().MayAsync(user, resource, operation);
    }

    [Fact]
    public async Task Each_handler_answers_for_its_own_people_only()
    {
        using var lead = await App.SignedInAsync("lead@resources.example", "facilitator");
        using var other = await App.SignedInAsync("other-lead@resources.example", "facilitator");
        using var member = await App.SignedInAsync("member@resources.example", "clinician");
        using var outsider = await App.SignedInAsync("outsider@resources.example", "clinician");
        var cohortId = await ProgramsTests.StartCohortAsync(lead, name: "Resource handler group");
        await ProgramsTests.AddByEmailAsync(App, lead, cohortId, "member@resources.example");

        Assert.True(await MayAsync("lead@resources.example", new CohortResource(cohortId), Operations.Lead));
        Assert.False(await MayAsync("other-lead@resources.example", new CohortResource(cohortId), Operations.Lead));
        Assert.False(await MayAsync("member@resources.example", new CohortResource(cohortId), Operations.Lead));
        Assert.True(await MayAsync("member@resources.example", new CohortResource(cohortId), Operations.Attend));
        Assert.False(await MayAsync("outsider@resources.example", new CohortResource(cohortId), Operations.Attend));
        Assert.False(await MayAsync("lead@resources.example", new CohortResource(cohortId), Operations.Share)); // not an operation on a cohort

        Assert.True(await MayAsync("lead@resources.example", new CohortSessionResource(cohortId, 1), Operations.Lead));
        Assert.False(await MayAsync("lead@resources.example", new CohortSessionResource(cohortId, 99), Operations.Lead)); // no such session
        Assert.True(await MayAsync("member@resources.example", new CohortSessionResource(cohortId, 6), Operations.Attend));
        Assert.False(await MayAsync("outsider@resources.example", new CohortSessionResource(cohortId, 1), Operations.Attend));

        long entryId;
        using (var scope = App.Services.CreateScope())
        {
            var journal = scope.ServiceProvider.GetRequiredService<ReflectionJournal>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
            entryId = (await journal.WriteAsync((await users.FindByEmailAsync("member@resources.example"))!.Id, "A reflection to share")).Require().Id;
        }
        Assert.True(await MayAsync("member@resources.example", new ReflectionResource(entryId, cohortId), Operations.Share));
        Assert.False(await MayAsync("outsider@resources.example", new ReflectionResource(entryId, cohortId), Operations.Share)); // not theirs
        Assert.False(await MayAsync("member@resources.example", new ReflectionResource(entryId, cohortId + 1000), Operations.Share)); // not their cohort

        var created = await member.Client.PostAsync("/api/v1/me/checkins", new StringContent(
            "{\"instrument\":\"who-5\",\"answers\":{\"1\":3,\"2\":3,\"3\":3,\"4\":3,\"5\":3}}", System.Text.Encoding.UTF8, "application/json"));
        var measurementId = long.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await MayAsync("member@resources.example", new SharedResultResource(measurementId, cohortId), Operations.Share));
        Assert.False(await MayAsync("lead@resources.example", new SharedResultResource(measurementId, cohortId), Operations.Share));
        Assert.False(await MayAsync("member@resources.example", new SharedResultResource(measurementId, cohortId), Operations.Lead));
    }
}
