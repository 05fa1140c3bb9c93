using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>
/// The app for a journey of many people from one loopback address: the per-address limits on sign-ins and
/// form posts (which protect a real deployment from guessing) are lifted, as twenty people would come
/// from twenty addresses.
/// </summary>
public sealed class ManyPeopleBrowserApp : BrowserApp
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Hearth:RateLimits:SignInPerMinute"] = "0",
        ["Hearth:RateLimits:WritesPerMinute"] = "0",
    };
}

/// <summary>
/// A three-arm study run to its end in the browser: a researcher designs it, twenty clinicians consent,
/// enrol and answer a pre, a post and a follow-up wave months apart (two miss the follow-up), and the
/// researcher's page then shows the full CONSORT flow, the per-protocol mixed ANOVA and the intention-to-
/// treat linear mixed model. The app's clock moves between waves; everyone signs in again after it has.
/// </summary>
public class StudyAtScaleJourneyTests(ManyPeopleBrowserApp app) : IClassFixture<ManyPeopleBrowserApp>
{
    private const string Password = "a long enough password";
    private const int People = 20;

    /// <summary>Opens a new browser context, signs the person in, runs <paramref name="step"/>, and closes it.</summary>
    private async Task AsAsync(string email, Func<IPage, Task> step)
    {
        await using var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(app, email, Password);
        await step(page);
    }

    /// <summary>Answers the open wave's WHO-5 from /my-studies, every item at <paramref name="value"/> (0–5).</summary>
    private static async Task AnswerWaveAsync(IPage page, BrowserApp app, int value)
    {
        await page.GotoAsync(app.BaseUrl + "/my-studies");
        await page.ClickAsync("a:has-text('Answer who-5')");
        for (var item = 1; item <= 5; item++)
        {
            await page.CheckAsync($"#who-5-{item}-{value}");
        }
        await page.ClickAsync("button:has-text('Submit answers')");
        await page.ArriveAtAsync(app, new Regex("^(?!.*/questionnaires/).*$"));
    }

    /// <summary>
    /// How a person answers: near the middle at first; the compassion arm improves most, mentalization
    /// less, the waitlist not; each person has their own level and a wave-to-wave wobble.
    /// </summary>
    private static int Value(string arm, int wave, int person)
    {
        var gain = wave == 0 ? 0 : arm switch { "compassion" => 2, "mentalization" => 1, _ => 0 };
        var level = person % 4 == 0 ? 1 : 0;
        var wobble = (person * 5 + wave * 2) % 3 - 1;
        return Math.Clamp(2 + gain + level + wobble, 0, 5);
    }

    [Fact]
    public async Task Twenty_participants_consent_enrol_and_answer_three_waves_and_the_report_shows_the_anova_and_the_mixed_model()
    {
        await using var adminContext = await app.Browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SetUpOrganisationAsync(app, "Riverbend Service", "ada@riverbend.example", Password);
        var raeLink = await admin.InviteAsync(app, "rae@riverbend.example", "researcher");

        await using var raeContext = await app.Browser.NewContextAsync();
        var rae = await raeContext.SignUpAsync(app, raeLink, "Rae Researcher", Password);
        // Every wave anchored on enrolment, eight weeks apart, so all twenty share the calendar.
        var studyUrl = await rae.DesignThreeArmStudyAsync(app, "Compassion, mentalization or waiting, at scale",
            [new("pre", "Enrolment", 0), new("post", "Enrolment", 56), new("follow-up", "Enrolment", 112)]);

        // Twenty clinicians sign up, screen, consent and enrol, and answer the pre wave at once.
        var allocated = new string[People];
        var emails = Enumerable.Range(1, People).Select(i => $"clinician{i:00}@riverbend.example").ToArray();
        for (var i = 0; i < People; i++)
        {
            var link = await admin.InviteAsync(app, emails[i], "clinician");
            await using var context = await app.Browser.NewContextAsync();
            var person = await context.SignUpAsync(app, link, $"Clinician {i + 1:00}", Password);
            await person.GotoAsync(studyUrl + "/join");
            await person.CheckAsync("#clinician-yes");
            await person.CheckAsync("#agree");
            await person.ClickAsync("button:has-text('Take part')");
            allocated[i] = Regex.Match(await person.ContentAsync(), "allocated to <strong>(compassion|mentalization|waitlist)</strong>").Groups[1].Value;
            Assert.NotEmpty(allocated[i]);
            await AnswerWaveAsync(person, app, Value(allocated[i], 0, i));
            if (i == 0)
            {
                await person.GotoAsync(app.BaseUrl + "/my-studies");
                await person.CheckAsync(app, "45-my-studies-pre-done");
            }
        }
        Assert.All(["compassion", "mentalization", "waitlist"], arm => Assert.InRange(allocated.Count(a => a == arm), 5, 8)); // permuted blocks keep the arms near a third each

        // Eight weeks on, everyone answers the post wave; eight more, all but two answer the follow-up.
        var lost = new[] { 6, 13 };
        for (var wave = 1; wave <= 2; wave++)
        {
            app.Clock.Advance(TimeSpan.FromDays(56));
            for (var i = 0; i < People; i++)
            {
                if (wave == 2 && lost.Contains(i))
                {
                    continue;
                }
                var (email, value) = (emails[i], Value(allocated[i], wave, i));
                await AsAsync(email, page => AnswerWaveAsync(page, app, value));
            }
        }
        app.Clock.Advance(TimeSpan.FromDays(30)); // the follow-up window has closed: the two who missed it are lost to follow-up

        await AsAsync(emails[0], async page =>
        {
            await page.GotoAsync(app.BaseUrl + "/my-studies");
            Assert.Equal(3, Regex.Count(await page.ContentAsync(), "who-5: done"));
            await page.CheckAsync(app, "46-my-studies-all-waves");
        });

        await AsAsync("rae@riverbend.example", async page =>
        {
            await page.GotoAsync(studyUrl);
            var report = System.Net.WebUtility.HtmlDecode(await page.ContentAsync());
            Assert.Contains($"Assessed for eligibility (n = {People})", report);
            Assert.Contains($"Per protocol: mixed ANOVA ({People - lost.Length} participants with every wave)", report);
            Assert.Contains($"Intention to treat: linear mixed model ({People} participants, {People * 3 - lost.Length} values, missing waves kept)", report);
            Assert.Matches("<td>arm:wave</td><td>4, \\d+", report); // the group × time interaction, in both tables
            Assert.Contains("arm × wave interaction, F(", report);
            Assert.DoesNotContain("Clinician 01", report);
            Assert.DoesNotContain("clinician01@", report);
            await page.CheckAsync(app, "47-study-report");
        });
    }
}
