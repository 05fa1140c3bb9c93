using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>One browser app whose per-address limits allow twenty people signing in from one test machine.</summary>
public sealed class BusyBrowserApp : BrowserApp
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Hearth:RateLimits:SignInPerMinute"] = "0",
        ["Hearth:RateLimits:WritesPerMinute"] = "0",
    };
}

/// <summary>
/// The issue's journey at size: a researcher designs a three-arm study; twenty participants consent, enrol
/// and answer all three waves as the months pass (the app's clock moves); the study page then shows the
/// ANOVA and the mixed model. Screenshot and axe on the report.
/// </summary>
public class StudyAtScaleJourneyTests(BusyBrowserApp app) : IClassFixture<BusyBrowserApp>
{
    private const string Password = "a long enough password";

    private async Task SignInAsync(IPage page, string email)
    {
        // Months pass between waves, so every session has expired: each participant signs in again.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(app.BaseUrl + "/account/login");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", Password);
            await page.ClickAsync("button[type=submit]:has-text('Sign in')");
            try
            {
                await page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), new() { Timeout = 15_000 });
                return;
            }
            catch (TimeoutException)
            {
                // Still on the sign-in page: say what it says, and try once more before failing.
                var said = await page.Locator("#login-error").AllInnerTextsAsync();
                Assert.True(attempt < 2, $"{email} could not sign in: {string.Join(" ", said)} ({page.Url})");
            }
        }
    }

    private static async Task AnswerOpenWaveAsync(IPage page, string baseUrl, int value)
    {
        await page.GotoAsync(baseUrl + "/my-studies");
        await page.ClickAsync("a:has-text('Answer who-5')");
        for (var item = 1; item <= 5; item++)
        {
            await page.CheckAsync($"#who-5-{item}-{value}");
        }
        await page.ClickAsync("button:has-text('Submit answers')");
        await page.GotoAsync(baseUrl + "/my-studies");
        Assert.Contains("who-5: done", await page.ContentAsync());
    }

    [Fact]
    public async Task Twenty_participants_answer_three_waves_and_the_report_shows_the_anova_and_the_mixed_model()
    {
        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SetUpOrganisationAsync(app, "Riverside Study Service", "ada@riverside-study.example", Password);
        async Task<string> InviteAsync(string email, string role)
        {
            await admin.GotoAsync(app.BaseUrl + "/admin");
            await admin.FillAsync("#invite-email", email);
            foreach (var r in new[] { "clinician", "researcher" })
            {
                await admin.SetCheckedAsync($"#role-{r}", r == role);
            }
            await admin.ClickAsync("button:has-text('Create invitation')");
            return Regex.Match(await admin.ContentAsync(), "https?://[^<\\s]+/account/invite/[0-9a-f]+").Value;
        }

        await using var raeContext = await app.Browser.NewContextAsync();
        var rae = await raeContext.SignUpAsync(app, await InviteAsync("rae@riverside-study.example", "researcher"), "Rae Researcher", Password);
        await rae.GotoAsync(app.BaseUrl + "/studies");
        await rae.FillAsync("#title", "Three arms, three waves");
        await rae.FillAsync("#primary", "who-5/total");
        string[] arms = ["compassion", "mentalization", "waitlist"];
        for (var i = 0; i < 3; i++)
        {
            await rae.FillAsync($"#arm-name-{i + 1}", arms[i]);
            await rae.SelectOptionAsync($"#arm-kind-{i + 1}", i == 2 ? "Waitlist" : "Active");
            await rae.SelectOptionAsync($"#arm-program-{i + 1}", i == 1 ? "mentalization-training" : "compassion-training");
        }
        await rae.SelectOptionAsync("#method", "PermutedBlocks");
        await rae.FillAsync("#criterion-key-1", "clinician");
        await rae.FillAsync("#criterion-question-1", "Do you work directly with patients?");
        string[] waves = ["pre", "post", "follow-up"];
        string[] anchors = ["Enrolment", "ProgramEnd", "ProgramEnd"];
        string[] offsets = ["0", "0", "60"];
        for (var i = 0; i < 3; i++)
        {
            await rae.FillAsync($"#wave-name-{i + 1}", waves[i]);
            await rae.SelectOptionAsync($"#wave-anchor-{i + 1}", anchors[i]);
            await rae.FillAsync($"#wave-offset-{i + 1}", offsets[i]);
            await rae.FillAsync($"#wave-instruments-{i + 1}", "who-5");
        }
        await rae.ClickAsync("button:has-text('Create the study')");
        await rae.WaitForURLAsync(new Regex("/studies/\\d+$"));
        var studyUrl = rae.Url;
        await rae.FillAsync("#consent-text", "Taking part is voluntary; you can stop at any time.");
        await rae.ClickAsync("button:has-text('Publish')");
        await rae.ClickAsync("button:has-text('Open recruitment')");

        var people = new List<(IBrowserContext Context, IPage Page, string Email)>();
        for (var i = 0; i < 20; i++)
        {
            var email = $"p{i}@riverside-study.example";
            var context = await app.Browser.NewContextAsync();
            var page = await context.SignUpAsync(app, await InviteAsync(email, "clinician"), $"Participant {i}", Password);
            await page.GotoAsync(studyUrl + "/join");
            await page.CheckAsync("#clinician-yes");
            await page.CheckAsync("#agree");
            await page.ClickAsync("button:has-text('Take part')");
            Assert.Contains("You are enrolled", await page.ContentAsync());
            await AnswerOpenWaveAsync(page, app.BaseUrl, 1 + i % 3);
            people.Add((context, page, email));
        }

        // The program ends on day 49 (the planned timeline): post opens; two months later, the follow-up.
        foreach (var (days, wave) in new[] { (49, 1), (60, 2) })
        {
            app.Clock.Advance(TimeSpan.FromDays(days));
            foreach (var ((_, page, email), i) in people.Select((p, i) => (p, i)))
            {
                await SignInAsync(page, email);
                await AnswerOpenWaveAsync(page, app.BaseUrl, Math.Min(5, 1 + i % 3 + wave * (i % 3 == 2 ? 0 : 1)));
            }
        }

        await SignInAsync(rae, "rae@riverside-study.example");
        await rae.GotoAsync(studyUrl);
        var report = System.Net.WebUtility.HtmlDecode(await rae.ContentAsync());
        Assert.Contains("Per protocol: mixed ANOVA (20 participants with every wave)", report);
        Assert.Contains("Intention to treat: linear mixed model (20 participants, 60 values", report);
        Assert.Contains("arm × wave interaction, F(", report);
        Assert.Contains("Analysed (n = ", report);
        await rae.CheckAsync(app, "45-study-report");
        foreach (var (context, _, _) in people)
        {
            await context.DisposeAsync();
        }
    }
}
