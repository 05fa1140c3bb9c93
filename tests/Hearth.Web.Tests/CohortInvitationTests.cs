using System.Net;
using System.Text.RegularExpressions;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>A facilitator adds people by invitation only, and never learns from the answer who has an account.</summary>
public partial class CohortInvitationTests(HearthApp app) : SetUpAppTests(app)
{
    [Fact]
    public async Task Adding_by_email_answers_the_same_whether_or_not_the_address_has_an_account()
    {
        using var facilitator = await App.SignedInAsync("inv-fac@cohorts.example", "facilitator");
        (await App.SignedInAsync("known-person@cohorts.example", "clinician")).Dispose();
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, name: "Invitation group");

        string Answer(string page, string email) =>
            Notice().Match(page).Value.Replace(email, "ADDRESS", StringComparison.Ordinal) is var text && InvitePath().Replace(text, "LINK") is var masked ? masked : "";
        var known = await (await facilitator.SubmitAsync($"/cohorts/{cohortId}", new() { ["PersonEmail"] = "known-person@cohorts.example" }, formName: "add-person")).Content.ReadAsStringAsync();
        var unknown = await (await facilitator.SubmitAsync($"/cohorts/{cohortId}", new() { ["PersonEmail"] = "stranger@cohorts.example" }, formName: "add-person")).Content.ReadAsStringAsync();
        Assert.NotEmpty(Answer(known, "known-person@cohorts.example"));
        Assert.Equal(Answer(known, "known-person@cohorts.example"), Answer(unknown, "stranger@cohorts.example"));
        Assert.DoesNotContain("known-person</", known, StringComparison.Ordinal); // no display name given away
        // Nobody joined yet: the roster is still empty.
        Assert.DoesNotContain("known-person", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_invited_account_can_accept_and_accepting_is_audited()
    {
        using var facilitator = await App.SignedInAsync("inv-fac2@cohorts.example", "facilitator");
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, name: "Audited group");
        var link = await ProgramsTests.InviteByEmailAsync(facilitator, cohortId, "invited@cohorts.example");
        (await App.SignedInAsync("invited@cohorts.example", "clinician")).Dispose();

        using var someoneElse = await App.SignedInAsync("not-invited@cohorts.example", "clinician");
        var page = await someoneElse.GetPageAsync(link);
        Assert.Contains("Sign in with that address", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Join the group</button>", page, StringComparison.Ordinal);

        using var invited = await App.SignedInAsync("invited@cohorts.example", "clinician");
        Assert.Equal(HttpStatusCode.Redirect, (await invited.SubmitAsync(link, [], formName: "join")).StatusCode);
        Assert.Contains("Audited group", await invited.GetPageAsync("/my-program"), StringComparison.Ordinal);
        Assert.Contains("not valid", await invited.GetPageAsync(link), StringComparison.Ordinal); // used up

        using var scope = App.Services.CreateScope();
        var actions = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync();
        Assert.Contains("cohort-start", actions);
        Assert.Contains("cohort-invite", actions);
        Assert.Contains("cohort-join", actions);
    }

    [GeneratedRegex("<p class=\"notice\" role=\"status\">[^<]*(<code>[^<]*</code>)?</p>")]
    private static partial Regex Notice();

    [GeneratedRegex("https?://[^<\\s]+/account/invite/[0-9a-f]+")]
    private static partial Regex InvitePath();
}
