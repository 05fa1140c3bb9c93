using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>Whole journeys in a real browser, each page screenshotted and checked with axe-core.</summary>
public class JourneyTests : IClassFixture<BrowserApp>
{
    private const string Password = "a long enough password";
    private readonly BrowserApp _app;

    public JourneyTests(BrowserApp app) => _app = app;

    [Fact]
    public async Task Setup_invite_sign_up_phq9_results_safety_and_privacy()
    {
        // The administrator sets Hearth up.
        await using var adminContext = await _app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.GotoAsync(_app.BaseUrl + "/");
        await admin.CheckAsync(_app, "01-home");
        await admin.ClickAsync("text=Set up Hearth for your organisation");
        await admin.CheckAsync(_app, "02-setup");
        await admin.FillAsync("#organisation", "Riverside Service");
        await admin.FillAsync("#name", "Ada Admin");
        await admin.FillAsync("#email", "ada@riverside.example");
        await admin.FillAsync("#password", Password);
        await admin.CheckAsync("#acknowledge");
        await admin.ClickAsync("button:has-text('Create organisation')");
        await admin.ArriveAtAsync(_app, "**/admin");
        await admin.CheckAsync(_app, "03-admin");
        await admin.GotoAsync(_app.BaseUrl + "/admin/people?q=ada");
        await admin.CheckAsync(_app, "03b-admin-people");
        Assert.Contains("1 person found.", await admin.ContentAsync());
        await admin.GotoAsync(_app.BaseUrl + "/admin/audit");
        await admin.CheckAsync(_app, "03c-admin-audit");
        foreach (var (page, shot) in new[] { ("teams", "03d-admin-teams"), ("questionnaires", "03e-admin-questionnaires"), ("crisis-resources", "03f-admin-crisis") })
        {
            await admin.GotoAsync($"{_app.BaseUrl}/admin/{page}");
            await admin.CheckAsync(_app, shot);
        }
        await admin.GotoAsync(_app.BaseUrl + "/admin");

        // … and invites a clinician.
        await admin.FillAsync("#invite-email", "sam@riverside.example");
        await admin.ClickAsync("button:has-text('Create invitation')");
        var link = Regex.Match(await admin.ContentAsync(), "https?://[^<\\s]+/account/invite/[0-9a-f]+").Value;
        Assert.NotEmpty(link);

        // The invitee signs up, using only the keyboard on the form.
        await using var samContext = await _app.Browser.NewContextAsync();
        var sam = await samContext.NewPageAsync();
        await sam.GotoAsync(link);
        await sam.CheckAsync(_app, "04-accept-invitation");
        await sam.FocusAsync("#name");
        await sam.Keyboard.TypeAsync("Sam Clinician");
        await sam.Keyboard.PressAsync("Tab");
        await sam.Keyboard.TypeAsync(Password);
        await sam.Keyboard.PressAsync("Enter");
        await sam.ArriveAtAsync(_app, _app.BaseUrl + "/");
        await sam.CheckAsync(_app, "05-home-signed-in");

        // The check-in and the account page, also by keyboard-reachable controls only.
        await sam.GotoAsync(_app.BaseUrl + "/checkin");
        await sam.CheckAsync(_app, "05b-checkin");
        await sam.GotoAsync(_app.BaseUrl + "/account");
        await sam.CheckAsync(_app, "05c-account");

        await sam.GotoAsync(_app.BaseUrl + "/journal");
        await sam.FillAsync("#reflection", "A hard week; glad I talked to Kim.");
        await sam.ClickAsync("button:has-text('Save')");
        await sam.CheckAsync(_app, "05d-journal");
        Assert.Contains("glad I talked to Kim", await sam.ContentAsync());

        // Sam takes the PHQ-9 and sees the result.
        await sam.GotoAsync(_app.BaseUrl + "/questionnaires");
        await sam.CheckAsync(_app, "06-questionnaires");
        await sam.GotoAsync(_app.BaseUrl + "/questionnaires/phq-9");
        await sam.CheckAsync(_app, "07-phq-9");
        foreach (var item in Enumerable.Range(1, 9))
        {
            await sam.CheckAsync($"#phq-9-{item}-{(item == 9 ? 0 : 1)}"); // "Several days" to 1–8, "Not at all" to 9
        }
        await sam.ClickAsync("button:has-text('Submit answers')");
        await sam.ArriveAtAsync(_app, "**/results?submitted=*");
        await sam.CheckAsync(_app, "08-results");
        var results = await sam.ContentAsync();
        Assert.Contains("Depression severity", results);
        Assert.Contains("<strong>8</strong>", results);
        Assert.Contains("mild", results);

        // A safety answer shows crisis resources at once.
        await sam.GotoAsync(_app.BaseUrl + "/questionnaires/phq-9");
        foreach (var item in Enumerable.Range(1, 9))
        {
            await sam.CheckAsync($"#phq-9-{item}-{(item == 9 ? 2 : 0)}");
        }
        await sam.ClickAsync("button:has-text('Submit answers')");
        await sam.ArriveAtAsync(_app, "**/crisis?measurement=*");
        await sam.CheckAsync(_app, "09-crisis");
        Assert.Contains("Emergency services", await sam.ContentAsync());
        Assert.Contains("better off dead", await sam.ContentAsync());
        var crisisAddress = sam.Url;

        // Another clinician cannot open Sam's results.
        var samsResults = await sam.EvaluateAsync<string>("async () => (await (await fetch('/api/v1/me/results')).json())[0].id.toString()");
        await using var otherContext = await _app.Browser.NewContextAsync();
        var other = await otherContext.NewPageAsync();
        await admin.GotoAsync(_app.BaseUrl + "/admin");
        await admin.FillAsync("#invite-email", "kim@riverside.example");
        await admin.ClickAsync("button:has-text('Create invitation')");
        var kimLink = Regex.Match(await admin.ContentAsync(), "https?://[^<\\s]+/account/invite/[0-9a-f]+").Value;
        await other.GotoAsync(kimLink);
        await other.FillAsync("#name", "Kim Clinician");
        await other.FillAsync("#password", Password);
        await other.ClickAsync("button:has-text('Create my account')");
        await other.ArriveAtAsync(_app, _app.BaseUrl + "/");
        var response = await other.GotoAsync($"{_app.BaseUrl}/api/v1/me/results/{samsResults}");
        Assert.Equal(404, response!.Status);
        await other.GotoAsync(crisisAddress);
        Assert.DoesNotContain("better off dead", await other.ContentAsync());
        await other.GotoAsync(_app.BaseUrl + "/results");
        await other.CheckAsync(_app, "10-results-empty");
        Assert.DoesNotContain("Depression severity", await other.ContentAsync());
        await other.GotoAsync(_app.BaseUrl + "/journal");
        Assert.DoesNotContain("glad I talked to Kim", await other.ContentAsync());
        await other.GotoAsync(_app.BaseUrl + "/admin");
        Assert.EndsWith("/account/denied", new Uri(other.Url).AbsolutePath);

        // A half-answered PHQ-9 (item 9 included) is kept as a draft in Sam's browser…
        await sam.GotoAsync(_app.BaseUrl + "/questionnaires/phq-9");
        await sam.CheckAsync("#phq-9-9-2");
        Assert.Equal(1, await sam.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('hearth-draft-')).length"));
        // …and gone once the session has expired, without Sam signing out.
        _app.Clock.Advance(TimeSpan.FromHours(9));
        await sam.GotoAsync(_app.BaseUrl + "/questionnaires/phq-9");
        Assert.EndsWith("/account/login", new Uri(sam.Url).AbsolutePath);
        Assert.Equal(0, await sam.EvaluateAsync<int>("() => Object.keys(localStorage).filter(k => k.startsWith('hearth-draft-')).length"));
    }

    [Fact]
    public async Task The_sign_in_and_crisis_pages_are_accessible_to_visitors()
    {
        await using var context = await _app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_app.BaseUrl + "/account/login");
        await page.CheckAsync(_app, "20-sign-in");
        await page.GotoAsync(_app.BaseUrl + "/crisis");
        await page.CheckAsync(_app, "21-crisis-visitor");
        await page.GotoAsync(_app.BaseUrl + "/account/forgot");
        await page.CheckAsync(_app, "22-forgotten-password");
        var missing = await page.GotoAsync(_app.BaseUrl + "/no-such-page");
        Assert.Equal(404, missing!.Status);
        await page.CheckAsync(_app, "23-not-found");
    }
}
