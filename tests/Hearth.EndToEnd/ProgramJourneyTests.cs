using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>
/// A facilitator starts a Helping the Helper cohort; a participant sees session 1, ticks homework and
/// writes a private reflection; the facilitator sees the completion but never the reflection.
/// </summary>
public class ProgramJourneyTests : IClassFixture<BrowserApp>
{
    private const string Password = "a long enough password";
    private readonly BrowserApp _app;

    public ProgramJourneyTests(BrowserApp app) => _app = app;

    [Fact]
    public async Task Facilitator_starts_helping_the_helper_and_sees_completion_but_not_the_reflection()
    {
        await using var adminContext = await _app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SetUpOrganisationAsync(_app, "Hillside Service", "ada@hillside.example", Password);
        var fayLink = await admin.InviteAsync(_app, "fay@hillside.example", "facilitator");
        var piaLink = await admin.InviteAsync(_app, "pia@hillside.example", "clinician");
        await admin.GotoAsync(_app.BaseUrl + "/admin/programs");
        await admin.CheckAsync(_app, "30-admin-programs");
        await admin.GotoAsync(_app.BaseUrl + "/admin/programs/helping-the-helper/edit");
        await admin.CheckAsync(_app, "30b-admin-program-edit");

        await using var fayContext = await _app.Browser.NewContextAsync();
        var fay = await fayContext.SignUpAsync(_app, fayLink, "Fay Facilitator", Password);
        await using var piaContext = await _app.Browser.NewContextAsync();
        var pia = await piaContext.SignUpAsync(_app, piaLink, "Pia Participant", Password);

        // Fay starts the cohort; its first session began ten minutes ago, so session 1 is under way
        // and its homework is this week's.
        var began = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10);
        await fay.GotoAsync(_app.BaseUrl + "/cohorts");
        await fay.CheckAsync(_app, "31-cohorts");
        await fay.SelectOptionAsync("#program", "helping-the-helper");
        await fay.FillAsync("#name", "Hillside spring group");
        await fay.FillAsync("#first-date", began.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await fay.FillAsync("#time", began.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await fay.FillAsync("#zone", "UTC");
        await fay.FillAsync("#place", "Library, 2nd floor");
        await fay.FillAsync("#capacity", "10");
        await fay.ClickAsync("button:has-text('Start the cohort')");
        await fay.ArriveAtAsync(_app, new Regex("/cohorts/\\d+$"));
        var dashboardUrl = fay.Url;
        await fay.FillAsync("#person-email", "pia@hillside.example");
        await fay.ClickAsync("button:has-text('Add')");
        // The same answer whether or not Pia has an account: an invitation she accepts.
        var invitation = Regex.Match(await fay.ContentAsync(), "https?://[^<\\s]+/account/invite/[0-9a-f]+").Value;
        Assert.NotEmpty(invitation);
        await pia.GotoAsync(invitation);
        await pia.ClickAsync("button:has-text('Join the group')");
        await pia.ArriveAtAsync(_app, "**/my-program");
        await fay.GotoAsync(dashboardUrl);
        Assert.Contains("Pia Participant", await fay.ContentAsync());
        await fay.CheckAsync(_app, "32-cohort-dashboard");

        // Pia sees session 1, ticks its homework and writes a private reflection.
        await pia.GotoAsync(_app.BaseUrl + "/my-program");
        var mine = await pia.ContentAsync();
        Assert.Contains("Session 1 of 6", mine);
        Assert.Contains("Building a safe place to start", mine);
        await pia.CheckAsync(_app, "33-my-program");
        Assert.Contains("Homework from session 1", mine);
        await pia.ClickAsync("ul.checklist button >> nth=0");
        await pia.WaitForSelectorAsync("text=Marked as done.");
        Assert.Contains("(done)", await pia.ContentAsync());
        await pia.ClickAsync("a:has-text('Building a safe place to start')");
        await pia.CheckAsync(_app, "33b-my-session");
        await pia.GotoAsync(_app.BaseUrl + "/journal");
        await pia.FillAsync("#reflection", "Saying out loud that I feel useless on nights was frightening.");
        await pia.ClickAsync("button:has-text('Save')");
        await pia.CheckAsync(_app, "34-journal-with-share");
        await pia.GotoAsync(_app.BaseUrl + "/practice");
        await pia.FillAsync("#practice-minutes", "10");
        await pia.ClickAsync("button:has-text('Log it')");
        await pia.CheckAsync(_app, "35-practice");

        // Fay sees the completion and never the reflection.
        await fay.GotoAsync(dashboardUrl);
        var dashboard = await fay.ContentAsync();
        Assert.Matches(new Regex(@"1 of \d+ \(\d+%\)"), dashboard);
        Assert.DoesNotContain("useless on nights", dashboard);
        await fay.CheckAsync(_app, "36-cohort-dashboard-completion");
        await fay.ClickAsync("text=Run session 1");
        await fay.CheckAsync(_app, "37-cohort-session");
        Assert.DoesNotContain("useless on nights", await fay.ContentAsync());
        await fay.GotoAsync(_app.BaseUrl + "/journal");
        Assert.DoesNotContain("useless on nights", await fay.ContentAsync());
        await fay.GotoAsync(_app.BaseUrl + "/programs/helping-the-helper");
        await fay.CheckAsync(_app, "38-program-with-guide");
    }
}
