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
        var studyUrl = await rae.DesignThreeArmStudyAsync(app, "Compassion, mentalization or waiting",
            [new("pre", "Enrolment", 0), new("post", "ProgramEnd", 0), new("follow-up", "ProgramEnd", 60)],
            () => rae.CheckAsync(app, "40-studies"));
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
