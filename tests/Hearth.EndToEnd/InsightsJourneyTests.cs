using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>The app in demo mode, with a known password for the demo's logins.</summary>
public sealed class DemoBrowserApp : BrowserApp
{
    public const string Password = "demo password for the browser tests";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Hearth:Demo"] = "true",
        ["Hearth:DemoPassword"] = Password,
    };
}

/// <summary>
/// A wellbeing lead in the demo organisation opens the insights dashboard, sees a small team withheld
/// with its reason, logs an organisational change, and reads its evaluation. Every page is screenshotted
/// and checked with axe.
/// </summary>
public class InsightsJourneyTests(DemoBrowserApp app) : IClassFixture<DemoBrowserApp>
{
    [Fact]
    public async Task A_lead_sees_teams_without_seeing_anyone_logs_a_change_and_reads_its_evaluation()
    {
        await using var context = await app.Browser.NewContextAsync();
        var lead = await context.NewPageAsync();
        await lead.SignInAsync(app, "lee@demo.hearth", DemoBrowserApp.Password);

        await lead.GotoAsync(app.BaseUrl + "/insights");
        var dashboard = System.Net.WebUtility.HtmlDecode(await lead.ContentAsync());
        Assert.Contains("Organisation insights", dashboard);
        Assert.Matches("Crisis team</th>\\s*<td colspan=\"\\d+\">Withheld: fewer than 5 people", dashboard);
        Assert.Contains("Withheld: would reveal a smaller group by subtraction", dashboard);
        Assert.DoesNotContain("@demo.hearth", dashboard.Replace("lee@demo.hearth", "", StringComparison.Ordinal));
        await lead.CheckAsync(app, "50-insights");

        await lead.SelectOptionAsync("#by", "profession");
        await lead.ClickAsync("button:has-text('Show')");
        await lead.ArriveAtAsync(app, new Regex("by=profession"));
        await lead.CheckAsync(app, "51-insights-by-profession");

        await lead.GotoAsync(app.BaseUrl + "/insights/demands");
        await lead.CheckAsync(app, "52-job-demands");

        await lead.GotoAsync(app.BaseUrl + "/insights/changes");
        await lead.CheckAsync(app, "53-changes");
        await lead.FillAsync("#title", "Protected supervision time");
        await lead.SelectOptionAsync("#kind", "ProtectedSupervision");
        await lead.FillAsync("#description", "Two hours a fortnight kept free of clinical work for supervision.");
        await lead.FillAsync("#starts", DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddMonths(-8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await lead.CheckAsync("label:has-text('Children and young people')");
        await lead.ClickAsync("button:has-text('Log the change')");
        await lead.ArriveAtAsync(app, new Regex("/insights/changes/\\d+$"));
        var evaluation = System.Net.WebUtility.HtmlDecode(await lead.ContentAsync());
        Assert.Contains("Protected supervision time", evaluation);
        Assert.Contains("compared with teams without the change", evaluation);
        Assert.Contains("Interrupted time series", evaluation);
        await lead.CheckAsync(app, "54-change-evaluation");

        // The printable team report opens as a page and as a PDF.
        await lead.GotoAsync(app.BaseUrl + "/insights/report?measure=who-5/total");
        Assert.Contains("Team report", await lead.ContentAsync());
        await lead.CheckAsync(app, "55-team-report");

        // The lead's own results: two years of check-ins as a chart one can read a value from.
        await lead.GotoAsync(app.BaseUrl + "/results");
        Assert.Equal(1, await lead.Locator("svg.score-chart").CountAsync());
        await lead.CheckAsync(app, "56-results-chart");

        // On a phone (390 px, an iPhone 13): the page never scrolls sideways, the navigation is one line,
        // and the chart keeps a readable height.
        await lead.SetViewportSizeAsync(390, 844);
        await lead.GotoAsync(app.BaseUrl + "/results");
        Assert.True(await lead.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
        Assert.True(await lead.EvaluateAsync<double>("() => document.querySelector('header.site').getBoundingClientRect().height") < 844 / 8.0, "the header takes more than an eighth of the screen");
        var chartHeight = await lead.EvaluateAsync<double>("() => document.querySelector('svg.score-chart').getBoundingClientRect().height");
        Assert.True(chartHeight > 120, $"the chart is {chartHeight} px high: too thin to read on a phone");
        await lead.CheckAsync(app, "57-results-phone");
    }
}
