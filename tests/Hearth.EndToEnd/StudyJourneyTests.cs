using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>
/// A researcher designs a three-arm study in the browser, publishes consent and opens recruitment;
/// three clinicians screen, consent and enrol, and answer their first wave; the researcher's page shows
/// the live CONSORT flow with pseudonyms only. Every page is screenshotted and checked with axe.
/// </summary>
public class StudyJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task A_researcher_designs_a_study_and_participants_enrol_and_answer_their_first_wave()
    {
        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SetUpOrganisationAsync(app, "Lakeside Service", "ada@lakeside.example", Password);
        var raeLink = await admin.InviteAsync(app, "rae@lakeside.example", "researcher");

        await using var raeContext = await app.Browser.NewContextAsync();
        var rae = await raeContext.SignUpAsync(app, raeLink, "Rae Researcher", Password);
        await rae.GotoAsync(app.BaseUrl + "/studies");
        await rae.CheckAsync(app, "40-studies");
        await rae.FillAsync("#title", "Compassion, mentalization or waiting");
        await rae.FillAsync("#primary", "who-5/total");
        string[] arms = ["compassion", "mentalization", "waitlist"];
        string[] programs = ["compassion-training", "mentalization-training", "compassion-training"];
        for (var i = 0; i < 3; i++)
        {
            await rae.FillAsync($"#arm-name-{i + 1}", arms[i]);
            await rae.SelectOptionAsync($"#arm-kind-{i + 1}", i == 2 ? "Waitlist" : "Active");
            await rae.SelectOptionAsync($"#arm-program-{i + 1}", programs[i]);
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
        Assert.Contains("Recruitment is open.", await rae.ContentAsync());
        await rae.CheckAsync(app, "41-study-open");

        var pseudonyms = new List<string>();
        foreach (var (name, i) in new[] { "Kit", "Lou", "Mo" }.Select((n, i) => (n, i)))
        {
            var link = await admin.InviteAsync(app, $"{name.ToLowerInvariant()}@lakeside.example", "clinician");
            await using var context = await app.Browser.NewContextAsync();
            var person = await context.SignUpAsync(app, link, $"{name} Clinician", Password);
            await person.GotoAsync(studyUrl + "/join");
            if (i == 0)
            {
                await person.CheckAsync(app, "42-study-join");
            }
            await person.CheckAsync("#clinician-yes");
            await person.CheckAsync("#agree");
            await person.ClickAsync("button:has-text('Take part')");
            var enrolled = await person.ContentAsync();
            pseudonyms.Add(Regex.Match(enrolled, "P-[2-9A-HJ-NP-Z]{8}").Value);
            Assert.Matches("allocated to <strong>(compassion|mentalization|waitlist)</strong>", enrolled);
            await person.GotoAsync(app.BaseUrl + "/my-studies");
            if (i == 0)
            {
                await person.CheckAsync(app, "43-my-studies");
            }
            await person.ClickAsync("a:has-text('Answer who-5')");
            for (var item = 1; item <= 5; item++)
            {
                await person.CheckAsync($"#who-5-{item}-3");
            }
            await person.ClickAsync("button:has-text('Submit answers')");
            await person.GotoAsync(app.BaseUrl + "/my-studies");
            Assert.Contains("who-5: done", await person.ContentAsync());
        }

        await rae.GotoAsync(studyUrl);
        var page = await rae.ContentAsync();
        Assert.Contains("Assessed for eligibility (n = 3)", page);
        Assert.All(pseudonyms, p => Assert.Contains(p, page));
        Assert.DoesNotContain("kit@lakeside.example", page);
        Assert.DoesNotContain("Kit Clinician", page);
        Assert.Contains("Not computed yet: both models need answers from every arm in at least two waves", System.Net.WebUtility.HtmlDecode(page));
        await rae.CheckAsync(app, "44-study-flow");
    }
}
