using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Hearth.Web.Tests;

public class SetupAndMeasuringTests : IClassFixture<HearthApp>
{
    private readonly HearthApp _app;

    public SetupAndMeasuringTests(HearthApp app) => _app = app;

    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        using var session = _app.NewSession();
        var response = await session.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Setup_is_open_until_an_administrator_exists_then_closed()
    {
        using var visitor = _app.NewSession();
        var before = await visitor.GetPageAsync("/setup");
        if (before.Contains("Create organisation", StringComparison.Ordinal))
        {
            using var admin = await _app.SetUpAsync();
            Assert.Contains("Administration", await admin.GetPageAsync("/admin"));
        }
        var after = await visitor.GetPageAsync("/setup");
        Assert.Contains("already set up", after);
        Assert.DoesNotContain("Create organisation", after);
    }

    [Fact]
    public async Task A_check_in_is_scored_and_shown_in_the_persons_results()
    {
        await EnsureSetUpAsync();
        using var clinician = await _app.SignedInAsync("checkin@test.example", "clinician");
        var response = await clinician.SubmitAsync("/checkin", new() { ["item-1"] = "3", ["item-2"] = "3", ["item-3"] = "4", ["item-4"] = "2", ["item-5"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/results", response.Headers.Location!.AbsolutePath);

        var results = await clinician.GetPageAsync("/results");
        Assert.Contains("Wellbeing (percentage)", results, StringComparison.Ordinal);
        Assert.Contains("<strong>60</strong>", results); // (3+3+4+2+3) × 4
    }

    [Fact]
    public async Task Results_suggest_programs_that_match_the_persons_scores()
    {
        await EnsureSetUpAsync();
        using var lonely = await _app.SignedInAsync("lonely@test.example", "clinician");
        var response = await lonely.SubmitAsync("/questionnaires/ucla-3", new() { ["item-1"] = "3", ["item-2"] = "3", ["item-3"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var results = await lonely.GetPageAsync("/results");
        Assert.Contains("Programs that may help", results);
        Assert.Contains("Helping the Helper", results);
    }

    [Fact]
    public async Task Hearths_own_pulse_says_beside_its_title_that_it_is_not_validated()
    {
        await _app.EnsureSetUpAsync();
        using var clinician = await _app.SignedInAsync("pulse@test.example", "clinician");

        var page = await clinician.GetPageAsync("/questionnaires/jdr-pulse");

        // A new organisation starts with the pulse turned on, so a clinician can open it.
        var title = page.IndexOf("<h1>Hearth pulse: job demands and resources</h1>", StringComparison.Ordinal);
        var notice = page.IndexOf("This is not a validated instrument", StringComparison.Ordinal);
        var form = page.IndexOf("<form", Math.Max(title, 0), StringComparison.Ordinal);
        Assert.True(title >= 0, "the pulse's page has its title");
        Assert.True(title < notice && notice < form, "the notice sits under the title, before the questions");
        Assert.Contains("not for comparing with published research or for any judgement about a person", page);
        Assert.DoesNotContain("not a validated instrument", await clinician.GetPageAsync("/questionnaires/phq-9"));
    }

    [Fact]
    public async Task A_missing_answer_reshows_the_form_with_the_error_beside_the_item()
    {
        await EnsureSetUpAsync();
        using var clinician = await _app.SignedInAsync("missing@test.example", "clinician");
        var response = await clinician.SubmitAsync("/checkin", new() { ["item-1"] = "3", ["item-2"] = "3", ["item-3"] = "4", ["item-4"] = "2" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"who-5-5-error\"", html);
        Assert.Contains("checked", html); // the given answers are kept
    }

    [Fact]
    public async Task A_safety_answer_shows_crisis_resources_at_once_to_the_person_only()
    {
        await EnsureSetUpAsync();
        using var clinician = await _app.SignedInAsync("safety@test.example", "clinician");
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"item-{i}", i => i == 9 ? "1" : "0");
        var response = await clinician.SubmitAsync("/questionnaires/phq-9", answers);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var crisisPath = response.Headers.Location!.PathAndQuery;
        Assert.StartsWith("/crisis?measurement=", crisisPath);
        var crisis = await clinician.GetPageAsync(crisisPath);
        Assert.Contains("thoughts of being better off dead", crisis);
        Assert.Contains("Emergency services", crisis);

        // Someone else opening the same address sees the general page, not the person's message.
        using var other = await _app.SignedInAsync("other-safety@test.example", "clinician");
        Assert.DoesNotContain("thoughts of being better off dead", await other.GetPageAsync(crisisPath));
    }

    [Fact]
    public async Task The_api_needs_authentication_and_returns_only_the_callers_results()
    {
        await EnsureSetUpAsync();
        using var anonymous = _app.NewSession();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Client.GetAsync("/api/v1/me/results")).StatusCode);

        using var alice = await _app.SignedInAsync("alice@test.example", "clinician");
        var created = await alice.Client.PostAsJsonAsync("/api/v1/me/checkins", new { answers = new Dictionary<string, int> { ["1"] = 5, ["2"] = 5, ["3"] = 5, ["4"] = 5, ["5"] = 5 } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("measurement").GetProperty("id").GetInt64();
        Assert.Equal(100, body.RootElement.GetProperty("measurement").GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("score").GetString() == "total").GetProperty("value").GetDouble());

        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync($"/api/v1/me/results/{id}")).StatusCode);
        using var bob = await _app.SignedInAsync("bob@test.example", "clinician");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Client.GetAsync($"/api/v1/me/results/{id}")).StatusCode);
        var bobs = JsonDocument.Parse(await bob.Client.GetStringAsync("/api/v1/me/results"));
        Assert.DoesNotContain(bobs.RootElement.EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Invalid_api_answers_get_problem_details_naming_the_item()
    {
        await EnsureSetUpAsync();
        using var alice = await _app.SignedInAsync("invalid-api@test.example", "clinician");
        var response = await alice.Client.PostAsJsonAsync("/api/v1/me/checkins", new { answers = new Dictionary<string, int> { ["1"] = 9 } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("answers.1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_personal_access_token_authenticates_the_api_until_revoked()
    {
        await EnsureSetUpAsync();
        using var carol = await _app.SignedInAsync("carol@test.example", "clinician");
        var page = await (await carol.SubmitAsync("/account", new() { ["TokenName"] = "scripts", ["Password"] = HearthApp.Password }, formName: "token")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "hth_[0-9a-f]{64}").Value;
        Assert.NotEmpty(token);

        using var script = _app.NewSession();
        script.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.Client.GetAsync("/api/v1/me/results")).StatusCode);
        script.Client.DefaultRequestHeaders.Authorization = new("Bearer", token + "0");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.Client.GetAsync("/api/v1/me/results")).StatusCode);
    }

    [Fact]
    public async Task An_invited_person_can_join_and_the_invitation_is_audited()
    {
        var admin = await EnsureSetUpAsync();
        var page = await (await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = "newcomer@test.example", ["InviteRoles"] = "clinician" }, formName: "invite")).Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(page, "/account/invite/[0-9a-f]+").Value;
        Assert.NotEmpty(link);
        Assert.Contains("newcomer@test.example", await admin.GetPageAsync("/admin/audit?action=invite")); // audit log row

        using var newcomer = _app.NewSession();
        var joined = await newcomer.SubmitAsync(link, new() { ["Input.Name"] = "New Comer", ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.Client.GetAsync("/results")).StatusCode);

        using var again = _app.NewSession();
        Assert.Contains("not valid", await again.GetPageAsync(link));
    }

    private async Task<Session> EnsureSetUpAsync()
    {
        await _app.EnsureSetUpAsync();
        return await _app.SignedInAsync("admin@test.example", "administrator");
    }
}
