using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>What every page visit checks: a screenshot, and axe-core finding no serious or critical problem.</summary>
public static class PageChecks
{
    public static async Task CheckAsync(this IPage page, BrowserApp app, string name)
    {
        await ScreenshotAsync(page, Path.Combine(app.Screenshots, $"{name}.png"));
        // Evaluated through the DevTools protocol: the page's own CSP (no inline script) stays in force.
        await page.EvaluateAsync(app.AxeScript);
        var json = await page.EvaluateAsync<JsonElement>("async () => { const r = await axe.run(document); return r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })); }");
        var serious = json.EnumerateArray().Where(v => v.GetProperty("impact").GetString() is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{name}: accessibility violations: {string.Join("; ", serious.Select(v => $"{v.GetProperty("id")} ({v.GetProperty("impact")}, {v.GetProperty("nodes")} nodes): {v.GetProperty("help")}"))}");
    }

    /// <summary>Waits until the browser is at <paramref name="url"/>; if it never gets there, fails saying what the page and the server said.</summary>
    public static Task ArriveAtAsync(this IPage page, BrowserApp app, Regex url) => ExplainTimeoutAsync(page, app, url.ToString(), () => page.WaitForURLAsync(url));

    /// <summary>Waits until the browser is at <paramref name="url"/> (a glob or an address); if it never gets there, fails saying why.</summary>
    public static Task ArriveAtAsync(this IPage page, BrowserApp app, string url) => ExplainTimeoutAsync(page, app, url, () => page.WaitForURLAsync(url));

    /// <summary>
    /// A browser wait that times out only says it waited. Where the page stands, what it shows and what the app
    /// logged meanwhile tell a refused form from a slow server from a server error.
    /// </summary>
    private static async Task ExplainTimeoutAsync(IPage page, BrowserApp app, string expected, Func<Task> wait)
    {
        try
        {
            await wait();
        }
        catch (TimeoutException timeout)
        {
            string text;
            try
            {
                text = await page.EvaluateAsync<string>("() => document.title + ' | ' + document.body.innerText.replace(/\\s+/g, ' ').slice(0, 1500)");
            }
            catch (PlaywrightException unreadable)
            {
                text = $"(the page could not be read: {unreadable.Message})";
            }
            var logged = app.ServerLog.Latest;
            throw new TimeoutException(
                $"The browser never arrived at {expected}. It is at {page.Url}, showing: {text}{Environment.NewLine}" +
                $"The app logged {(logged.Count == 0 ? "no warning or error" : string.Join(Environment.NewLine, logged))}", timeout);
        }
    }

    /// <summary>
    /// The whole page as a picture for people to look at. Headless Chromium now and then refuses a full-page
    /// capture ("Unable to capture screenshot") while it is still laying the page out; it gets a moment and a
    /// second try, then the visible part. The picture is a record, not a check: the checks are axe's.
    /// </summary>
    private static async Task ScreenshotAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = attempt <= 2 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await Task.Delay(300);
            }
        }
    }

    /// <summary>Creates the organisation through /setup as its first administrator and waits for /admin.</summary>
    public static async Task SetUpOrganisationAsync(this IPage admin, BrowserApp app, string organisation, string email, string password)
    {
        await admin.GotoAsync(app.BaseUrl + "/setup");
        await admin.FillAsync("#organisation", organisation);
        await admin.FillAsync("#name", "Ada Admin");
        await admin.FillAsync("#email", email);
        await admin.FillAsync("#password", password);
        await admin.CheckAsync("#acknowledge");
        await admin.ClickAsync("button:has-text('Create organisation')");
        await admin.ArriveAtAsync(app, "**/admin");
    }

    /// <summary>Creates an invitation on /admin with the given roles (of clinician, facilitator, researcher) and returns its link.</summary>
    public static async Task<string> InviteAsync(this IPage admin, BrowserApp app, string email, params string[] roles)
    {
        await admin.GotoAsync(app.BaseUrl + "/admin");
        await admin.FillAsync("#invite-email", email);
        foreach (var role in new[] { "clinician", "facilitator", "researcher" })
        {
            await admin.SetCheckedAsync($"#role-{role}", roles.Contains(role));
        }
        await admin.ClickAsync("button:has-text('Create invitation')");
        // The post answers with a new page: wait for its link, or the old page may be read before it arrives. While
        // the new document loads it has no body yet, and a predicate that throws fails the wait instead of retrying.
        await admin.WaitForFunctionAsync("() => /\\/account\\/invite\\/[0-9a-f]+/.test(document.body?.innerHTML ?? '')");
        return Regex.Match(await admin.ContentAsync(), "https?://[^<\\s]+/account/invite/[0-9a-f]+").Value;
    }

    /// <summary>Signs in on /account/login and waits until the browser has left the sign-in page.</summary>
    public static async Task SignInAsync(this IPage page, BrowserApp app, string email, string password)
    {
        await page.GotoAsync(app.BaseUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]:has-text('Sign in')");
        await page.ArriveAtAsync(app, new Regex("^(?!.*/account/login).*$"));
    }

    /// <summary>Accepts an invitation link in a new page of <paramref name="context"/> and waits for the start page.</summary>
    public static async Task<IPage> SignUpAsync(this IBrowserContext context, BrowserApp app, string link, string name, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button:has-text('Create my account')");
        await page.ArriveAtAsync(app, app.BaseUrl + "/");
        return page;
    }
}
