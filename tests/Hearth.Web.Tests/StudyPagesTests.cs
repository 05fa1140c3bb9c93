using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.RegularExpressions;

namespace Hearth.Web.Tests;

/// <summary>A researcher designs and opens a study through the pages; a clinician joins it; the researcher sees a pseudonym, never the person.</summary>
public partial class StudyPagesTests(HearthApp app) : SetUpAppTests(app)
{
    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    internal static async Task<int> DesignAsync(Session researcher, string title)
    {
        var response = await researcher.SubmitAsync("/studies", new[]
        {
            F("Title", title), F("RegistrationId", "ISRCTN12345678"), F("Hypotheses", "Compassion training lowers exhaustion."),
            F("Primary", "mbi-hss/emotional_exhaustion"), F("Secondary", "who-5/total"),
            F("ArmName", "compassion"), F("ArmKind", "Active"), F("ArmProgram", "compassion-training"),
            F("ArmName", "waitlist"), F("ArmKind", "Waitlist"), F("ArmProgram", "compassion-training"),
            F("ArmName", ""), F("ArmKind", "Active"), F("ArmProgram", ""),
            F("ArmName", ""), F("ArmKind", "Active"), F("ArmProgram", ""),
            F("Method", "PermutedBlocks"),
            F("CriterionKey", "clinician"), F("CriterionQuestion", "Do you see patients?"), F("CriterionRequired", "yes"),
            F("StratifyBy", ""),
            F("WaveName", "pre"), F("WaveAnchor", "Enrolment"), F("WaveOffset", "0"), F("WaveWindow", "14"), F("WaveInstruments", "who-5"),
            F("WaveName", "post"), F("WaveAnchor", "ProgramEnd"), F("WaveOffset", "0"), F("WaveWindow", "14"), F("WaveInstruments", "who-5"),
            F("TimeZone", "Europe/London"),
        }, "design");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(StudyPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_study_is_designed_opened_and_joined_and_its_researcher_sees_only_pseudonyms()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var refused = await researcher.SubmitAsync("/studies", new[] { F("Title", "No arms"), F("Primary", "who-5/total"), F("TimeZone", "Europe/London") }, "design");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("at least two arms", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var id = await DesignAsync(researcher, "Compassion for night staff");
        var opened = await researcher.SubmitAsync($"/studies/{id}", [], "open");
        Assert.Contains("Publish the consent text before recruiting.", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Taking part is voluntary; you may stop at any time." }, "consent");
        Assert.Contains("Recruitment is open.", await (await researcher.SubmitAsync($"/studies/{id}", [], "open")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var clinician = await App.SignedInAsync("jo.bloggs@studies.example", "clinician");
        var join = await clinician.GetPageAsync($"/studies/{id}/join");
        Assert.Contains("Taking part is voluntary", join, StringComparison.Ordinal);
        var unticked = await clinician.SubmitAsync($"/studies/{id}/join", new Dictionary<string, string> { ["Answer.clinician"] = "yes" }, "enrol");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unticked.StatusCode);
        var enrolled = await (await clinician.SubmitAsync($"/studies/{id}/join", new Dictionary<string, string> { ["Answer.clinician"] = "yes", ["Agree"] = "true" }, "enrol")).Content.ReadAsStringAsync();
        var pseudonym = PseudonymPattern().Match(enrolled).Value;
        Assert.StartsWith("P-", pseudonym, StringComparison.Ordinal);
        Assert.Matches("allocated to <strong>(compassion|waitlist)</strong>", enrolled);

        var page = await researcher.GetPageAsync($"/studies/{id}");
        Assert.Contains(pseudonym, page, StringComparison.Ordinal);
        Assert.DoesNotContain("jo.bloggs", page, StringComparison.Ordinal);
        Assert.Contains("Assessed for eligibility (n = 1)", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);

        // Another researcher cannot open it; a clinician cannot reach the researcher's pages at all.
        using var other = await App.SignedInAsync("other-researcher@studies.example", "researcher");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/studies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.Client.GetAsync($"/studies/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_researcher_gives_each_program_arm_a_cohort_of_its_program_and_a_wrong_one_is_refused_beside_the_field()
    {
        using var researcher = await App.SignedInAsync("arms@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Arms and their cohorts");
        using var _ = await App.SignedInAsync("arms-facilitator@studies.example", "facilitator");
        int compassion, unrelated;
        using (var scope = App.Services.CreateScope())
        {
            var facilitator = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Hearth.Core.Organisations.HearthUser>>().FindByEmailAsync("arms-facilitator@studies.example"))!.Id;
            var scheduling = scope.ServiceProvider.GetRequiredService<Hearth.Core.Cohorts.CohortScheduling>();
            var soon = DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(20);
            compassion = (await scheduling.StartAsync(facilitator, new("compassion-training", "Compassion <winter>", soon, new TimeOnly(10, 0), "Europe/London", null, null, 10))).Require().Id;
            unrelated = (await scheduling.StartAsync(facilitator, new("helping-the-helper", "Helpers", soon, new TimeOnly(10, 0), "Europe/London", null, null, 10))).Require().Id;
        }
        var page = await researcher.GetPageAsync($"/studies/{id}");
        var options = Regex.Matches(page, "<option value=\"(\\d+):(\\d*)\">([^<]*)</option>").Select(m => (Arm: m.Groups[1].Value, Cohort: m.Groups[2].Value, Text: WebUtility.HtmlDecode(m.Groups[3].Value))).ToList();
        var arm = options.First(o => o.Cohort == compassion.ToString(System.Globalization.CultureInfo.InvariantCulture)).Arm;
        Assert.Contains(options, o => o.Text.Contains("Compassion <winter>", StringComparison.Ordinal)); // encoded in the page, decoded here
        Assert.DoesNotContain(options, o => o.Cohort == unrelated.ToString(System.Globalization.CultureInfo.InvariantCulture)); // another program's cohort is not offered

        var refused = await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ArmCohortChoice"] = $"{arm}:{unrelated}" }, "arm-cohort");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("That cohort runs helping-the-helper; this arm delivers compassion-training.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var saved = await (await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ArmCohortChoice"] = $"{arm}:{compassion}" }, "arm-cohort")).Content.ReadAsStringAsync();
        Assert.Contains("Saved: the arm", saved, StringComparison.Ordinal);
        Assert.Contains("<td>Compassion &lt;winter&gt; (starts", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stepped_wedge_is_designed_over_chosen_teams_and_its_schedule_reveals_nothing_before_recruitment()
    {
        using var researcher = await App.SignedInAsync("wedge@studies.example", "researcher");
        var teamIds = new List<int>();
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hearth.Core.Persistence.HearthDbContext>();
            foreach (var name in new[] { "Wedge ward A", "Wedge ward B", "Wedge ward <C>" })
            {
                var team = new Hearth.Core.Organisations.Team { Name = name };
                db.Teams.Add(team);
                await db.SaveChangesAsync();
                teamIds.Add(team.Id);
            }
        }
        KeyValuePair<string, string>[] Design(string steps) =>
        [
            F("Title", "A caseload cap, ward by ward"), F("Primary", "who-5/total"),
            F("ArmName", "usual"), F("ArmKind", "TreatmentAsUsual"), F("ArmProgram", ""),
            F("ArmName", "caseload cap"), F("ArmKind", "Active"), F("ArmProgram", ""),
            F("Method", "Simple"), F("SteppedWedge", "true"), F("WedgeSteps", steps), F("WedgeStepDays", "28"),
            .. teamIds.Select(id => F("WedgeTeam", id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            F("CriterionKey", "clinician"), F("CriterionQuestion", "Do you see patients?"), F("CriterionRequired", "yes"),
            F("WaveName", "each period"), F("WaveAnchor", "Enrolment"), F("WaveOffset", "0"), F("WaveWindow", "14"), F("WaveInstruments", "who-5"),
            F("TimeZone", "Europe/London"),
        ];
        var refused = await researcher.SubmitAsync("/studies", Design("4"), "design");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose between 1 and 3 steps", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var created = await researcher.SubmitAsync("/studies", Design("3"), "design");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = WebUtility.HtmlDecode(await researcher.GetPageAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("stepped wedge: 3 steps of 28 days over 3 teams", page, StringComparison.Ordinal);
        Assert.Contains("it starts when recruitment opens", page, StringComparison.Ordinal);
        Assert.Contains("Wedge ward <C>", page, StringComparison.Ordinal);
        Assert.Equal(9, Regex.Count(page, "<td>not yet revealed</td>")); // three teams × three steps, nothing revealed yet
        Assert.DoesNotContain("<td>intervention</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_answers_an_open_wave_through_the_usual_questionnaire()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Waves in practice");
        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Voluntary." }, "consent");
        await researcher.SubmitAsync($"/studies/{id}", [], "open");
        using var clinician = await App.SignedInAsync("wave-taker@studies.example", "clinician");
        await clinician.SubmitAsync($"/studies/{id}/join", new Dictionary<string, string> { ["Answer.clinician"] = "yes", ["Agree"] = "true" }, "enrol");

        var mine = await clinician.GetPageAsync("/my-studies");
        Assert.Contains("Waves in practice", mine, StringComparison.Ordinal);
        Assert.Contains("(open now)", mine, StringComparison.Ordinal);
        Assert.Contains("href=\"/questionnaires/who-5\"", mine, StringComparison.Ordinal);
        await clinician.SubmitAsync("/questionnaires/who-5", Enumerable.Range(1, 5).ToDictionary(i => $"item-{i}", _ => "3"), "questionnaire");
        Assert.Contains("who-5: done", await clinician.GetPageAsync("/my-studies"), StringComparison.Ordinal);
        // No answers to the primary outcome yet (the waves ask for the WHO-5): the page says what the analysis still needs.
        var page = System.Net.WebUtility.HtmlDecode(await researcher.GetPageAsync($"/studies/{id}"));
        Assert.Contains("Not computed yet: both models need answers from every arm in at least two waves (so far 0 of 2 arms and 0 of 2 waves have some)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Per protocol: mixed ANOVA", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wave_link_opens_the_wave_without_signing_in_once_and_the_log_records_it()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Links from e-mail");
        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Voluntary." }, "consent");
        await researcher.SubmitAsync($"/studies/{id}", [], "open");
        using (var clinician = await App.SignedInAsync("link-taker@studies.example", "clinician"))
        {
            await clinician.SubmitAsync($"/studies/{id}/join", new Dictionary<string, string> { ["Answer.clinician"] = "yes", ["Agree"] = "true" }, "enrol");
        }
        // The invitation the dispatcher would send now, with its single-use link minted as at send time.
        var invitations = App.Services.GetRequiredService<Hearth.Core.Studies.WaveInvitations>();
        var message = (await invitations.DueAsync(App.Now.AddHours(1), default)).Single(m => m.Subject.StartsWith("Links from e-mail", StringComparison.Ordinal));
        var body = await message.BodyAtSend!(default);
        var path = LinkPattern().Match(body).Value; // the test app has no public address, so the link is the path alone
        Assert.NotEmpty(path);

        using var anonymous = App.NewSession();
        var page = await anonymous.GetPageAsync(path);
        Assert.Contains("Links from e-mail: pre", page, StringComparison.Ordinal);
        var done = await anonymous.SubmitAsync(path, Enumerable.Range(1, 5).ToDictionary(i => $"item-{i}", _ => "4"), "wave");
        Assert.Contains("this wave is complete", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var again = await anonymous.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("This link no longer works", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.Client.GetAsync("/w/0123456789abcdef")).StatusCode);

        var log = await researcher.Client.GetStringAsync($"/api/v1/studies/{id}/deliveries");
        Assert.Contains("\"wave\":\"pre\"", log, StringComparison.Ordinal);
        Assert.Contains("\"opened\":\"", log, StringComparison.Ordinal);
        Assert.Contains("\"completed\":\"", log, StringComparison.Ordinal);
        Assert.DoesNotContain("link-taker", log, StringComparison.Ordinal);
        using var other = await App.SignedInAsync("nosy-researcher@studies.example", "researcher");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/api/v1/studies/{id}/deliveries")).StatusCode);
    }

    [GeneratedRegex(@"/w/[0-9a-f]+")]
    private static partial Regex LinkPattern();

    [Fact]
    public async Task A_participant_signs_a_new_consent_version_and_can_withdraw_choosing_what_happens_to_their_answers()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Consent changes");
        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Version one." }, "consent");
        await researcher.SubmitAsync($"/studies/{id}", [], "open");
        using var clinician = await App.SignedInAsync("consenter@studies.example", "clinician");
        await clinician.SubmitAsync($"/studies/{id}/join", new Dictionary<string, string> { ["Answer.clinician"] = "yes", ["Agree"] = "true" }, "enrol");
        Assert.DoesNotContain("The consent text has changed", await clinician.GetPageAsync("/my-studies"), StringComparison.Ordinal);

        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Version two: we also ask about sleep." }, "consent");
        var asked = await clinician.GetPageAsync("/my-studies");
        Assert.Contains("The consent text has changed (version 2)", asked, StringComparison.Ordinal);
        Assert.Contains("we also ask about sleep", asked, StringComparison.Ordinal);
        var signed = await (await clinician.SubmitAsync("/my-studies", [], $"consent-{id}")).Content.ReadAsStringAsync();
        Assert.Contains("your consent to the new version is recorded", signed, StringComparison.Ordinal);
        Assert.DoesNotContain("The consent text has changed", signed, StringComparison.Ordinal);

        var withdrawn = await (await clinician.SubmitAsync("/my-studies", [], $"withdraw-delete-{id}")).Content.ReadAsStringAsync();
        Assert.Contains("your answers are left out of every analysis", withdrawn, StringComparison.Ordinal);
        Assert.Contains("You are not taking part in a study.", withdrawn, StringComparison.Ordinal);
        var page = System.Net.WebUtility.HtmlDecode(await researcher.GetPageAsync($"/studies/{id}"));
        Assert.Contains("withdrew and asked for their data to be deleted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wave_is_moved_only_after_its_effect_is_shown()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Moving waves");
        var page = await researcher.GetPageAsync($"/studies/{id}");
        var waveId = Regex.Match(page, "<select id=\"move-wave\" name=\"MoveWaveId\"><option value=\"(\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(waveId);
        var previewHtml = await (await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["MoveWaveId"] = waveId, ["MoveOffset"] = "3", ["MoveWindow"] = "10" }, "wave-preview")).Content.ReadAsStringAsync();
        var shown = System.Net.WebUtility.HtmlDecode(previewHtml);
        Assert.Contains("Moving pre to 3 days after its anchor, open for 10 days: of 0 enrolled", shown, StringComparison.Ordinal);
        Assert.Contains("at enrolment", shown, StringComparison.Ordinal); // not saved yet
        // The save form carries the previewed values in hidden fields.
        var saved = System.Net.WebUtility.HtmlDecode(await (await researcher.SubmitFromAsync(previewHtml, $"/studies/{id}", [], "wave-save")).Content.ReadAsStringAsync());
        Assert.Contains("pre moved", saved, StringComparison.Ordinal);
        Assert.Contains("3 days after enrolment", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invitation_only_study_opens_only_with_a_link_the_researcher_created()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var created = await researcher.SubmitAsync("/studies", new[]
        {
            F("Title", "Invited only"), F("Primary", "who-5/total"), F("InvitationOnly", "true"),
            F("ArmName", "compassion"), F("ArmKind", "Active"), F("ArmProgram", "compassion-training"),
            F("ArmName", "waitlist"), F("ArmKind", "Waitlist"), F("ArmProgram", "compassion-training"),
            F("Method", "PermutedBlocks"),
            F("WaveName", "pre"), F("WaveAnchor", "Enrolment"), F("WaveOffset", "0"), F("WaveWindow", "14"), F("WaveInstruments", "who-5"),
            F("TimeZone", "Europe/London"),
        }, "design");
        var id = StudyPath().Match(created.Headers.Location!.OriginalString).Groups[1].Value;
        await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Voluntary." }, "consent");
        await researcher.SubmitAsync($"/studies/{id}", [], "open");
        var page = await (await researcher.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["InvitationCount"] = "2" }, "invitations")).Content.ReadAsStringAsync();
        var links = InvitePattern().Matches(page).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(2, links.Count);

        using var clinician = await App.SignedInAsync("invited@studies.example", "clinician");
        Assert.Contains("by invitation only", await clinician.GetPageAsync($"/studies/{id}/join"), StringComparison.Ordinal);
        var invited = await clinician.GetPageAsync(links[0]);
        Assert.Contains("Take part", invited, StringComparison.Ordinal);
        var enrolled = await (await clinician.SubmitAsync(links[0], new Dictionary<string, string> { ["Agree"] = "true" }, "enrol")).Content.ReadAsStringAsync();
        Assert.Contains("You are enrolled", enrolled, StringComparison.Ordinal);
        using var other = await App.SignedInAsync("not-invited@studies.example", "clinician");
        Assert.Contains("by invitation only", await other.GetPageAsync(links[0]), StringComparison.Ordinal); // spent
    }

    [GeneratedRegex(@"/studies/\d+/join\?invite=[0-9a-f]+")]
    private static partial Regex InvitePattern();

    [Fact]
    public async Task A_study_that_is_not_recruiting_cannot_be_joined()
    {
        using var researcher = await App.SignedInAsync("rae@studies.example", "researcher");
        var id = await DesignAsync(researcher, "Still a draft");
        using var clinician = await App.SignedInAsync("early@studies.example", "clinician");
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.Client.GetAsync($"/studies/{id}/join")).StatusCode);
    }

    [GeneratedRegex(@"/studies/(\d+)")]
    private static partial Regex StudyPath();

    [GeneratedRegex(@"P-[2-9A-HJ-NP-Z]{8}")]
    private static partial Regex PseudonymPattern();
}
