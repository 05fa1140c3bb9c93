using System.Text.RegularExpressions;
using Hearth.Core.Organisations;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>
/// The check-in, results, a program session and the administration pages in every language, in Chromium
/// with axe: each person chooses their language on their account page. Persian is laid out right to left
/// (the results chart mirrored), and is also checked at a phone's width. Screenshots of each page go to
/// screenshots/ (60-… onwards), among them the Persian layout, the Spanish check-in and the validated Russian PHQ-9.
/// </summary>
public class LanguageJourneyTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    private static async Task ChooseAsync(IPage page, BrowserApp app, string language)
    {
        await page.GotoAsync(app.BaseUrl + "/account");
        await page.SelectOptionAsync("#language", language);
        await page.ClickAsync("#language-save");
        await page.ArriveAtAsync(app, new Regex("/account\\?language=saved"));
        Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task Check_in_results_a_session_and_administration_work_in_every_language()
    {
        await using var samContext = await app.Browser.NewContextAsync();
        var sam = await samContext.NewPageAsync();
        await sam.SignInAsync(app, "sam@demo.hearth", DemoBrowserApp.Password);
        // Two WHO-5 answers a fortnight apart, so results has a chart to read.
        foreach (var answer in new[] { 2, 4 })
        {
            await sam.GotoAsync(app.BaseUrl + "/questionnaires/who-5");
            foreach (var item in Enumerable.Range(1, 5))
            {
                await sam.CheckAsync($"#who-5-{item}-{answer}");
            }
            await sam.ClickAsync("form.questionnaire button[type=submit]");
            await sam.ArriveAtAsync(app, new Regex("/results"));
            app.Clock.Advance(TimeSpan.FromDays(14));
            await sam.SignInAsync(app, "sam@demo.hearth", DemoBrowserApp.Password); // a fortnight on, the session has ended
        }
        await sam.GotoAsync(app.BaseUrl + "/my-program");
        var session = Regex.Match(await sam.ContentAsync(), "href=\"(/my-program/\\d+/sessions/\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(session);

        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(app, "admin@demo.hearth", DemoBrowserApp.Password);

        var number = 60;
        foreach (var language in Languages.All)
        {
            await ChooseAsync(sam, app, language);
            var direction = language == Languages.Persian ? "rtl" : "ltr";
            foreach (var (path, name) in new[] { ("/checkin", "checkin"), ("/results", "results"), (session, "session"), ("/questionnaires/phq-9", "phq-9") })
            {
                await sam.GotoAsync(app.BaseUrl + path);
                Assert.Equal(direction, await sam.GetAttributeAsync("html", "dir"));
                await sam.CheckAsync(app, $"{number++}-{name}-{language}");
            }
            await ChooseAsync(admin, app, language);
            foreach (var (path, name) in new[] { ("/admin", "admin"), ("/admin/language", "admin-language"), ("/admin/questionnaires", "admin-questionnaires"), ("/admin/questionnaires/translations", "admin-translations"), ("/admin/people", "admin-people") })
            {
                await admin.GotoAsync(app.BaseUrl + path);
                await admin.CheckAsync(app, $"{number++}-{name}-{language}");
            }
        }

        // Sam reads Persian now: the chart's value axis is on the right, and the newest answer furthest left.
        await sam.GotoAsync(app.BaseUrl + "/results");
        Assert.Contains("نتایج من", await sam.InnerTextAsync("h1"));
        var circles = await sam.Locator("svg.score-chart circle[r='3.5']").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('cx')))");
        Assert.True(circles.Length >= 2, "a chart with two answers");
        Assert.True(circles[^1] < circles[0], "right to left: the newest answer is left of the oldest");

        // And at a phone's width, right to left, nothing scrolls sideways.
        await using var phone = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var small = await phone.NewPageAsync();
        await small.SignInAsync(app, "sam@demo.hearth", DemoBrowserApp.Password);
        foreach (var (path, name) in new[] { ("/checkin", "checkin"), ("/results", "results") })
        {
            await small.GotoAsync(app.BaseUrl + path);
            Assert.Equal("rtl", await small.GetAttributeAsync("html", "dir"));
            Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} scrolls sideways at 390 px");
            await small.CheckAsync(app, $"{number++}-{name}-phone-{Languages.Persian}");
        }

        await small.ClickAsync("details.menu > summary");
        await small.CheckAsync(app, $"{number++}-menu-open-phone-{Languages.Persian}"); // the open menu passes axe too

        // On a phone the navigation is a menu: closed, the header is one short line; opened, its links
        // work, even with JavaScript turned off.
        await using var plain = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, JavaScriptEnabled = false });
        var noScript = await plain.NewPageAsync();
        await noScript.SignInAsync(app, "sam@demo.hearth", DemoBrowserApp.Password);
        await noScript.GotoAsync(app.BaseUrl + "/results");
        Assert.True((await noScript.Locator("header.site").BoundingBoxAsync())!.Height < 844 / 8.0, "the header takes more than an eighth of the screen");
        Assert.False(await noScript.Locator("details.menu nav a[href='/journal']").IsVisibleAsync());
        await noScript.ClickAsync("details.menu > summary");
        await noScript.ClickAsync("details.menu nav a[href='/journal']");
        await noScript.ArriveAtAsync(app, new Regex("/journal"));
    }
}
