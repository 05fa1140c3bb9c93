using System.Net;

namespace Hearth.Web.Tests;

/// <summary>
/// Every page and endpoint × every role, checked on the server: what each may reach, and that the
/// rest is refused (401 for the API, a redirect to sign-in or a 403 for pages).
/// </summary>
public class AuthorizationMatrixTests(HearthApp app) : SetUpAppTests(app)
{

    private const string Anonymous = "anonymous";

    public static readonly string[] Everyone = [Anonymous, "clinician", "facilitator", "wellbeing-lead", "researcher", "administrator"];

    /// <summary>path → who may open it (GET). Anyone else is refused.</summary>
    private static readonly Dictionary<string, string[]> Access = new()
    {
        ["/"] = Everyone,
        ["/setup"] = Everyone,
        ["/crisis"] = Everyone,
        ["/health"] = Everyone,
        ["/account/login"] = Everyone,
        ["/account/forgot"] = Everyone,
        ["/account/reset?user=x&token=y"] = Everyone,
        ["/account/invite/0000"] = Everyone,
        ["/status/429"] = Everyone,
        ["/openapi/v1.json"] = Everyone,
        ["/checkin"] = Signed(),
        ["/questionnaires"] = Signed(),
        ["/questionnaires/phq-9"] = Signed(),
        ["/results"] = Signed(),
        ["/journal"] = Signed(),
        ["/account"] = Signed(),
        ["/me/export.csv"] = Signed(),
        ["/me/export.fhir.json"] = Signed(),
        ["/api/v1/me/results"] = Signed(),
        ["/api/v1/instruments"] = Signed(),
        ["/admin"] = ["administrator"],
        ["/my-program"] = Signed(),
        ["/practice"] = Signed(),
        ["/programs"] = Signed(),
        ["/programs/balint-group"] = Signed(),
        ["/cohorts"] = ["facilitator"],
        ["/admin/programs"] = ["administrator"],
        ["/admin/people"] = ["administrator"],
        ["/admin/audit"] = ["administrator"],
        ["/admin/teams"] = ["administrator"],
        ["/admin/questionnaires"] = ["administrator"],
        ["/admin/crisis-resources"] = ["administrator"],
        ["/studies"] = ["researcher"],
        ["/insights"] = ["wellbeing-lead", "administrator"],
        ["/insights?measure=who-5/total&by=profession"] = ["wellbeing-lead", "administrator"],
        ["/api/v1/insights/scores?instrument=who-5&score=total&by=team"] = ["wellbeing-lead", "administrator"],
        ["/insights/demands"] = ["wellbeing-lead", "administrator"],
        ["/insights/changes"] = ["wellbeing-lead", "administrator"],
        ["/insights/report"] = ["wellbeing-lead", "administrator"],
        ["/admin/anonymity"] = ["administrator"],
        ["/admin/language"] = ["administrator"],
        ["/admin/questionnaires/translations"] = ["administrator"],
        ["/my-studies"] = Signed(),
        ["/admin/programs/helping-the-helper.zip"] = ["administrator"],
        ["/admin/programs/helping-the-helper/edit"] = ["administrator"],
    };

    private static string[] Signed() => [.. Everyone.Where(r => r != Anonymous)];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Access.Keys)
        {
            foreach (var role in Everyone)
            {
                data.Add(path, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_reaches_exactly_what_it_may(string path, string role)
    {
        using var session = role == Anonymous ? App.NewSession() : await App.SignedInAsync($"{role}@matrix.example", role);
        var response = await session.Client.GetAsync(path);
        var allowed = Access[path].Contains(role);
        if (allowed)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} should open {path}, got {(int)response.StatusCode}");
            return;
        }
        if (path.StartsWith("/api", StringComparison.Ordinal))
        {
            Assert.Equal(role == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var target = response.Headers.Location!.AbsolutePath;
            Assert.Equal(role == Anonymous ? "/account/login" : "/account/denied", target);
        }
    }

    [Theory]
    [MemberData(nameof(OtherPeoplesData))]
    public async Task Nobody_reaches_another_persons_measurement(string role)
    {
        using var owner = await App.SignedInAsync("owner@matrix.example", "clinician");
        var created = await owner.Client.PostAsync("/api/v1/me/checkins", new StringContent(
            "{\"instrument\":\"who-5\",\"answers\":{\"1\":1,\"2\":1,\"3\":1,\"4\":1,\"5\":1}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        using var other = role == Anonymous ? App.NewSession() : await App.SignedInAsync($"{role}@matrix.example", role);
        var response = await other.Client.GetAsync(location);
        Assert.Equal(role == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string> OtherPeoplesData() => [.. Everyone];

    [Theory]
    [MemberData(nameof(OtherPeoplesData))]
    public async Task Nobody_but_its_facilitator_reaches_a_cohort(string role)
    {
        using var owner = await App.SignedInAsync("cohort-owner@matrix.example", "facilitator");
        var cohortId = await ProgramsTests.StartCohortAsync(owner, name: $"Matrix cohort {role}");
        using var other = role == Anonymous ? App.NewSession() : await App.SignedInAsync($"{role}@matrix.example", role);
        foreach (var path in new[] { $"/cohorts/{cohortId}", $"/cohorts/{cohortId}/sessions/1", $"/cohorts/{cohortId}/sessions/1/calendar.ics", $"/cohorts/{cohortId}/engagement.csv", $"/my-program/{cohortId}/sessions/1" })
        {
            var response = await other.Client.GetAsync(path);
            // Member pages (.ics, My program) are open to every signed-in person and answer 404 to non-members;
            // facilitator pages refuse other roles outright and answer 404 to other facilitators.
            var memberPage = path.EndsWith(".ics", StringComparison.Ordinal) || path.StartsWith("/my-program", StringComparison.Ordinal);
            var expected = role == Anonymous ? HttpStatusCode.Redirect
                : role == "facilitator" || memberPage ? HttpStatusCode.NotFound
                : HttpStatusCode.Redirect; // other roles: access denied
            Assert.True(expected == response.StatusCode, $"{role} on {path}: expected {expected}, got {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Equal(role == Anonymous ? "/account/login" : "/account/denied", response.Headers.Location!.AbsolutePath);
            }
        }
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/cohorts/{cohortId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/cohorts/{cohortId}/engagement.csv")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OtherPeoplesData))]
    public async Task A_calendar_feed_opens_only_with_a_live_secret(string role)
    {
        using var session = role == Anonymous ? App.NewSession() : await App.SignedInAsync($"{role}@matrix.example", role);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/calendar/0123456789abcdef0123456789abcdef0123456789abcdef.ics")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OtherPeoplesData))]
    public async Task Nobody_but_its_researcher_reaches_a_study_and_anyone_signed_in_may_join_it(string role)
    {
        using var owner = await App.SignedInAsync("study-owner@matrix.example", "researcher");
        var id = await StudyPagesTests.DesignAsync(owner, $"Matrix study {role}");
        await owner.SubmitAsync($"/studies/{id}", new Dictionary<string, string> { ["ConsentText"] = "Voluntary." }, "consent");
        await owner.SubmitAsync($"/studies/{id}", [], "open");
        using var other = role == Anonymous ? App.NewSession() : await App.SignedInAsync($"{role}@matrix.example", role);
        foreach (var path in new[] { $"/studies/{id}", $"/studies/{id}/export.zip", $"/api/v1/studies/{id}/deliveries" })
        {
            var response = await other.Client.GetAsync(path);
            var api = path.StartsWith("/api", StringComparison.Ordinal);
            // Another researcher passes the role check and finds nothing (404); other roles are refused outright.
            var expected = role == "researcher" ? HttpStatusCode.NotFound
                : api ? (role == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden)
                : HttpStatusCode.Redirect;
            Assert.True(expected == response.StatusCode, $"{role} on {path}: expected {expected}, got {response.StatusCode}");
        }
        var join = await other.Client.GetAsync($"/studies/{id}/join");
        Assert.Equal(role == Anonymous ? HttpStatusCode.Redirect : HttpStatusCode.OK, join.StatusCode);
        // A wave link needs no account, and says nothing about a token it does not know.
        Assert.Equal(HttpStatusCode.Gone, (await other.Client.GetAsync("/w/00112233445566778899aabbccddeeff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/studies/{id}/export.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/studies/{id}/deliveries")).StatusCode);
    }
}
