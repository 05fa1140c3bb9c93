using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

public partial class ProgramsTests(HearthApp app) : SetUpAppTests(app)
{
    /// <summary>The first session's date when a test does not name one: a week after the test clock's today.</summary>
    internal static DateOnly NextWeek => DateOnly.FromDateTime(Hearth.Tests.TestClock.Start.UtcDateTime).AddDays(7);

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts a cohort through the form and returns its id.</summary>
    internal static async Task<int> StartCohortAsync(Session facilitator, string program = "helping-the-helper", string name = "Ward 3 group", string? date = null, string time = "09:30", string zone = "Europe/London")
    {
        date ??= Iso(NextWeek);
        var response = await facilitator.SubmitAsync("/cohorts", new()
        {
            ["ProgramId"] = program,
            ["Name"] = name,
            ["FirstDate"] = date,
            ["Time"] = time,
            ["TimeZone"] = zone,
            ["Place"] = "Seminar room",
            ["VideoLink"] = "",
            ["Capacity"] = "8",
            ["Meetings"] = "6",
        }, formName: "start");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(CohortPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The facilitator invites the person by e-mail; the person (who has an account) signs in, opens the link and joins.</summary>
    internal static async Task AddByEmailAsync(HearthApp app, Session facilitator, int cohortId, string email)
    {
        var link = await InviteByEmailAsync(facilitator, cohortId, email);
        using var person = await app.SignedInAsync(email, "clinician");
        var joined = await person.SubmitAsync(link, [], formName: "join");
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
    }

    /// <summary>The facilitator's invitation, as the page shows it when no mail server is set up: the link's path.</summary>
    internal static async Task<string> InviteByEmailAsync(Session facilitator, int cohortId, string email)
    {
        var page = await (await facilitator.SubmitAsync($"/cohorts/{cohortId}", new() { ["PersonEmail"] = email }, formName: "add-person")).Content.ReadAsStringAsync();
        Assert.Contains($"send this link to {email} yourself", page, StringComparison.Ordinal);
        return InvitePath().Match(page).Value;
    }

    [GeneratedRegex("/account/invite/[0-9a-f]+")]
    private static partial Regex InvitePath();

    [Fact]
    public async Task A_facilitator_runs_a_cohort_and_sees_completion_but_never_the_private_journal()
    {
        using var facilitator = await App.SignedInAsync("fran@programs.example", "facilitator");
        using var participant = await App.SignedInAsync("pat@programs.example", "clinician");
        (await App.SignedInAsync("pam@programs.example", "clinician")).Dispose();
        // Session 1 began ten minutes ago: it is under way, and its homework is this week's.
        var began = App.Now.UtcDateTime.AddMinutes(-10);
        var cohortId = await StartCohortAsync(facilitator, date: began.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            time: began.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), zone: "UTC");
        await AddByEmailAsync(App, facilitator, cohortId, "pat@programs.example");
        await AddByEmailAsync(App, facilitator, cohortId, "pam@programs.example");

        var mine = await participant.GetPageAsync("/my-program");
        Assert.Contains("Session 1 of 6", mine, StringComparison.Ordinal);
        Assert.Contains("Building a safe place to start", mine, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(mine, "<h1")); // the session's own title heading sits under the page's
        Assert.Contains("Your partner this session: <strong>pam</strong>", mine, StringComparison.Ordinal);
        var homeworkForm = HomeworkForm().Match(mine).Groups[1].Value;
        var ticked = await participant.SubmitAsync("/my-program", [], formName: homeworkForm);
        Assert.Contains("Marked as done", await ticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var sessionPage = await participant.GetPageAsync($"/my-program/{cohortId}/sessions/1");
        Assert.Contains("(done)", sessionPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await participant.Client.GetAsync($"/my-program/{cohortId}/sessions/3")).StatusCode); // not out yet
        using (var outsider = await App.SignedInAsync("not-in-it@programs.example", "clinician"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/my-program/{cohortId}/sessions/1")).StatusCode);
        }

        const string secret = "I have been dreading Mondays since the incident";
        await participant.SubmitAsync("/journal", new() { ["Text"] = secret }, formName: "reflect");

        var dashboard = await facilitator.GetPageAsync($"/cohorts/{cohortId}");
        Assert.Matches(@"1 of \d+ \(\d+%\)", dashboard); // homework ticked of set, across the two participants
        Assert.Contains("pat", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("dreading", dashboard, StringComparison.Ordinal);
        var bytes = await facilitator.Client.GetByteArrayAsync($"/cohorts/{cohortId}/engagement.csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // UTF-8 byte-order mark, for spreadsheets
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("participant,session,starts_at_utc,present,homework_done,homework_set\n", csv, StringComparison.Ordinal);
        Assert.Contains("pat,1,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("dreading", csv, StringComparison.Ordinal);
        var session = await facilitator.GetPageAsync($"/cohorts/{cohortId}/sessions/1");
        Assert.DoesNotContain("dreading", session, StringComparison.Ordinal);
        Assert.Contains("Facilitator guide", session, StringComparison.Ordinal);

        // Sharing that one entry shows it to the facilitator, and the read is audited.
        var journal = await participant.GetPageAsync("/journal");
        var shareForm = ShareForm().Match(journal).Groups[1].Value;
        await participant.SubmitAsync("/journal", [], formName: shareForm);
        Assert.Contains("dreading", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "read-shared-reflections"));
        Assert.DoesNotContain(await db.SharedReflections.Select(r => r.Ciphertext).ToListAsync(), c => c.Contains("dreading", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_facilitator_and_non_members_get_not_found()
    {
        using var owner = await App.SignedInAsync("owner-fac@programs.example", "facilitator");
        using var other = await App.SignedInAsync("other-fac@programs.example", "facilitator");
        using var outsider = await App.SignedInAsync("outsider@programs.example", "clinician");
        var cohortId = await StartCohortAsync(owner, name: "Private group");

        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/cohorts/{cohortId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/cohorts/{cohortId}/sessions/1")).StatusCode);
        Assert.DoesNotContain("Private group", await other.GetPageAsync("/cohorts"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Client.GetAsync($"/cohorts/{cohortId}/sessions/1/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/cohorts/{cohortId}/sessions/1/calendar.ics")).StatusCode);
        Assert.DoesNotContain("Private group", await outsider.GetPageAsync("/my-program"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_cohort_requests_are_shown_beside_their_fields_and_create_nothing()
    {
        using var facilitator = await App.SignedInAsync("careful@programs.example", "facilitator");
        var response = await facilitator.SubmitAsync("/cohorts", new()
        {
            ["ProgramId"] = "helping-the-helper", ["Name"] = "Zoneless", ["FirstDate"] = Iso(NextWeek), ["Time"] = "09:30",
            ["TimeZone"] = "Atlantis/Capital", ["Capacity"] = "8",
        }, formName: "start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("is not a time zone", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Zoneless", await facilitator.GetPageAsync("/cohorts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_downloads_and_the_personal_feed_are_icalendar_and_the_feed_can_be_revoked()
    {
        using var facilitator = await App.SignedInAsync("cal-fac@programs.example", "facilitator");
        using var participant = await App.SignedInAsync("cal-pat@programs.example", "clinician");
        var cohortId = await StartCohortAsync(facilitator, program: "balint-group", name: "Balint Tuesdays");
        await AddByEmailAsync(App, facilitator, cohortId, "cal-pat@programs.example");

        var single = await participant.Client.GetAsync($"/cohorts/{cohortId}/sessions/2/calendar.ics");
        Assert.Equal("text/calendar", single.Content.Headers.ContentType!.MediaType);
        var ics = await single.Content.ReadAsStringAsync();
        Assert.Single(Regex.Matches(ics, "BEGIN:VEVENT"));
        // Two weeks on, at 09:30 London time, written in UTC.
        var second = TimeZoneInfo.ConvertTimeToUtc(NextWeek.AddDays(14).ToDateTime(new TimeOnly(9, 30)), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.Contains($"DTSTART:{second:yyyyMMdd'T'HHmmss'Z'}", ics, StringComparison.Ordinal);

        var account = await (await participant.SubmitAsync("/account", [], formName: "feed")).Content.ReadAsStringAsync();
        var feed = new Uri(FeedUrl().Match(account).Value).PathAndQuery;
        using var calendarApp = App.NewSession(); // not signed in, like a calendar app
        var feedResponse = await calendarApp.Client.GetAsync(feed);
        Assert.Equal(HttpStatusCode.OK, feedResponse.StatusCode);
        Assert.Equal(6, Regex.Count(await feedResponse.Content.ReadAsStringAsync(), "BEGIN:VEVENT"));

        await participant.SubmitAsync("/account", [], formName: "revoke-feed");
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.Client.GetAsync(feed)).StatusCode);
    }

    [Fact]
    public async Task The_case_rota_and_volunteering_work_through_the_pages()
    {
        using var facilitator = await App.SignedInAsync("rota-fac@programs.example", "facilitator");
        using var ann = await App.SignedInAsync("rota-ann@programs.example", "clinician");
        using var ben = await App.SignedInAsync("rota-ben@programs.example", "clinician");
        var cohortId = await StartCohortAsync(facilitator, program: "balint-group", name: "Rota group");
        await AddByEmailAsync(App, facilitator, cohortId, "rota-ann@programs.example");
        await AddByEmailAsync(App, facilitator, cohortId, "rota-ben@programs.example");

        await ben.SubmitAsync("/my-program", [], formName: $"volunteer-{cohortId}");
        var chosen = await facilitator.SubmitAsync($"/cohorts/{cohortId}/sessions/1", [], formName: "presenter");
        Assert.Contains("rota-ben presents the case", await chosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("rota-ben presents the case", await ann.GetPageAsync("/my-program"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_practice_log_totals_minutes_per_week_and_refuses_bad_entries()
    {
        using var person = await App.SignedInAsync("practice@programs.example", "clinician");
        var today = Iso(DateOnly.FromDateTime(App.Now.UtcDateTime));
        await person.SubmitAsync("/practice", new() { ["Date"] = today, ["Minutes"] = "12", ["Kind"] = "breathing" }, formName: "practice");
        var page = await (await person.SubmitAsync("/practice", new() { ["Date"] = today, ["Minutes"] = "8", ["Kind"] = "body scan" }, formName: "practice")).Content.ReadAsStringAsync();
        Assert.Contains("<td>20</td><td>2</td>", page, StringComparison.Ordinal);

        var bad = await person.SubmitAsync("/practice", new() { ["Date"] = today, ["Minutes"] = "-5", ["Kind"] = "breathing" }, formName: "practice");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("whole number from 1", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var someoneElse = await App.SignedInAsync("practice-other@programs.example", "clinician");
        Assert.DoesNotContain("body scan</li>", await someoneElse.GetPageAsync("/practice"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_facilitator_guide_is_shown_to_facilitators_only()
    {
        using var facilitator = await App.SignedInAsync("guide-fac@programs.example", "facilitator");
        using var clinician = await App.SignedInAsync("guide-cli@programs.example", "clinician");
        Assert.Contains("Facilitator guide", await facilitator.GetPageAsync("/programs/helping-the-helper"), StringComparison.Ordinal);
        var page = await clinician.GetPageAsync("/programs/helping-the-helper");
        Assert.Contains("Helping the Helper", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Facilitator guide", page, StringComparison.Ordinal);
    }

    private static byte[] Zip(string folder, Func<string, string, string?>? change = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                var text = change is null ? File.ReadAllText(file) : change(name, File.ReadAllText(file));
                if (text is null)
                {
                    continue;
                }
                using var writer = new StreamWriter(zip.CreateEntry($"my-program/{name}").Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task An_organisation_uploads_its_own_program_and_a_broken_one_is_refused_with_its_problems()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var source = Hearth.Tests.RepoRoot.Combine("content", "programs", "peer-support-circle");
        var own = Zip(source, (name, text) => name == "program.yaml"
            ? text.Replace("id: peer-support-circle", "id: night-shift-circle", StringComparison.Ordinal).Replace("title: Peer Support Circle", "title: Night Shift Circle", StringComparison.Ordinal)
            : text);
        var installed = await (await admin.UploadAsync("/admin/programs", "upload", "ProgramFile", "night.zip", own)).Content.ReadAsStringAsync();
        Assert.Contains("Night Shift Circle", installed, StringComparison.Ordinal);
        Assert.Contains("is installed", installed, StringComparison.Ordinal);
        using var clinician = await App.SignedInAsync("upload-viewer@programs.example", "clinician");
        Assert.Contains("Night Shift Circle", await clinician.GetPageAsync("/programs"), StringComparison.Ordinal);

        var broken = Zip(source, (name, text) => name.StartsWith("sessions/02", StringComparison.Ordinal) ? text.Replace("number: 2", "number: 7", StringComparison.Ordinal) : text);
        var refused = await admin.UploadAsync("/admin/programs", "upload", "ProgramFile", "broken.zip", broken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("02-buddy-check-in.md", problems, StringComparison.Ordinal);

        var notZip = await admin.UploadAsync("/admin/programs", "upload", "ProgramFile", "notes.zip", "just text"u8.ToArray());
        Assert.Contains("not a readable zip", await notZip.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var download = await admin.Client.GetAsync("/admin/programs/night-shift-circle.zip");
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        using var archive = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Contains(archive.Entries, e => e.FullName == "night-shift-circle/program.yaml");
    }

    [Fact]
    public async Task An_administrator_hands_a_cohort_to_another_facilitator()
    {
        using var leaving = await App.SignedInAsync("leaving-fac@programs.example", "facilitator");
        using var next = await App.SignedInAsync("next-fac@programs.example", "facilitator");
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var cohortId = await StartCohortAsync(leaving, name: "Handover group");
        var nextId = await UserIdAsync("next-fac@programs.example");

        var page = await admin.GetPageAsync("/admin/programs");
        Assert.Contains("Handover group", page, StringComparison.Ordinal);
        await admin.SubmitAsync("/admin/programs", new() { ["NewFacilitator"] = nextId }, formName: $"handover-{cohortId}");

        Assert.Equal(HttpStatusCode.OK, (await next.Client.GetAsync($"/cohorts/{cohortId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leaving.Client.GetAsync($"/cohorts/{cohortId}")).StatusCode);
        var clinicianId = await UserIdAsync("guide-cli@programs.example");
        var refused = await admin.SubmitAsync("/admin/programs", new() { ["NewFacilitator"] = clinicianId }, formName: $"handover-{cohortId}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
    }

    private async Task<string> UserIdAsync(string email)
    {
        (await App.SignedInAsync(email, "clinician")).Dispose();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Stopping_a_share_twice_never_shares_again_and_a_participant_can_leave()
    {
        using var facilitator = await App.SignedInAsync("twice-fac@programs.example", "facilitator");
        using var participant = await App.SignedInAsync("twice-pat@programs.example", "clinician");
        var cohortId = await StartCohortAsync(facilitator, name: "Twice group");
        await AddByEmailAsync(App, facilitator, cohortId, "twice-pat@programs.example");
        await participant.SubmitAsync("/journal", new() { ["Text"] = "only briefly shared" }, formName: "reflect");
        var shareForm = ShareForm().Match(await participant.GetPageAsync("/journal")).Groups[1].Value;
        await participant.SubmitAsync("/journal", [], formName: shareForm);
        var withdrawForm = shareForm.Replace("share-", "withdraw-", StringComparison.Ordinal);
        var journal = await participant.GetPageAsync("/journal");
        var form = Regex.Matches(journal, "<form[\\s\\S]*?</form>").Select(m => m.Value).Single(f => f.Contains($"value=\"{withdrawForm}\"", StringComparison.Ordinal));
        var hidden = HiddenFields().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        await participant.SubmitAsync("/journal", [], formName: withdrawForm);
        // The browser sends the same "stop sharing" again: it is refused, not turned into a share.
        var again = await participant.Client.PostAsync("/journal", new FormUrlEncodedContent(hidden));
        Assert.NotEqual(HttpStatusCode.OK, again.StatusCode);
        Assert.DoesNotContain("only briefly shared", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);

        await participant.SubmitAsync("/my-program", [], formName: $"leave-{cohortId}");
        Assert.DoesNotContain("Twice group", await participant.GetPageAsync("/my-program"), StringComparison.Ordinal);
        Assert.DoesNotContain("twice-pat", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_shares_a_result_and_the_facilitator_sees_scores_not_answers()
    {
        using var facilitator = await App.SignedInAsync("result-fac@programs.example", "facilitator");
        using var participant = await App.SignedInAsync("result-pat@programs.example", "clinician");
        var cohortId = await StartCohortAsync(facilitator, name: "Results group");
        await AddByEmailAsync(App, facilitator, cohortId, "result-pat@programs.example");
        var created = await participant.Client.PostAsync("/api/v1/me/checkins", new StringContent(
            "{\"instrument\":\"who-5\",\"answers\":{\"1\":1,\"2\":2,\"3\":3,\"4\":4,\"5\":5}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain("WHO-5", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);

        var results = await participant.GetPageAsync("/results");
        var form = Regex.Match(results, "value=\"(share-result-\\d+-\\d+)\"").Groups[1].Value;
        await participant.SubmitAsync("/results", [], formName: form);
        var dashboard = await facilitator.GetPageAsync($"/cohorts/{cohortId}");
        Assert.Contains("Results shared with you", dashboard, StringComparison.Ordinal);
        Assert.Contains("60", dashboard, StringComparison.Ordinal); // WHO-5 total: raw 15 × 4

        await participant.SubmitAsync("/results", [], formName: form.Replace("share-", "unshare-", StringComparison.Ordinal));
        Assert.DoesNotContain("Results shared with you", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clinician_starts_an_uploaded_self_guided_program_on_their_own()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var source = Hearth.Tests.RepoRoot.Combine("content", "programs", "mindfulness-self-compassion");
        var zip = Zip(source, (name, text) => name == "program.yaml"
            ? text.Replace("id: mindfulness-self-compassion", "id: quiet-minutes", StringComparison.Ordinal).Replace("format: mixed", "format: self-guided", StringComparison.Ordinal)
            : text);
        Assert.Equal(HttpStatusCode.OK, (await admin.UploadAsync("/admin/programs", "upload", "ProgramFile", "quiet.zip", zip)).StatusCode);

        using var clinician = await App.SignedInAsync("solo@programs.example", "clinician");
        Assert.DoesNotContain("Start it on your own", await clinician.GetPageAsync("/programs/balint-group"), StringComparison.Ordinal);
        var started = await clinician.SubmitAsync("/programs/quiet-minutes", new() { ["FirstDate"] = Iso(DateOnly.FromDateTime(App.Now.UtcDateTime)), ["Time"] = "07:30", ["TimeZone"] = "Europe/Dublin" }, formName: "self-start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("(on your own)", await clinician.GetPageAsync("/my-program"), StringComparison.Ordinal);
        var again = await clinician.SubmitAsync("/programs/quiet-minutes", new() { ["FirstDate"] = Iso(DateOnly.FromDateTime(App.Now.UtcDateTime)), ["Time"] = "07:30", ["TimeZone"] = "Europe/Dublin" }, formName: "self-start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already following", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var adminPage = await admin.GetPageAsync("/admin/programs");
        Assert.Contains("quiet-minutes", adminPage, StringComparison.Ordinal); // the program is listed …
        Assert.DoesNotContain("quiet-minutes", adminPage[adminPage.IndexOf("<h2>Cohorts</h2>", StringComparison.Ordinal)..], StringComparison.Ordinal); // … a person's own run is not
    }

    [Fact]
    public async Task An_administrator_edits_a_program_in_the_browser_and_a_breaking_edit_changes_nothing()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        const string file = "sessions/01-caring-work-and-empathy-based-stress.md";
        var path = $"/admin/programs/compassion-training/edit?file={Uri.EscapeDataString(file)}";
        var page = await admin.GetPageAsync(path);
        var original = WebUtility.HtmlDecode(Regex.Match(page, "<textarea[^>]*>([\\s\\S]*?)</textarea>").Groups[1].Value);
        Assert.StartsWith("---", original, StringComparison.Ordinal);

        var broken = await admin.SubmitAsync(path, new() { ["Text"] = original.Replace("number: 1", "number: one", StringComparison.Ordinal) }, formName: "edit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("01-caring-work-and-empathy-based-stress.md", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var clinician = await App.SignedInAsync("editor-viewer@programs.example", "clinician");
        Assert.DoesNotContain("Caring, edited", await clinician.GetPageAsync("/programs/compassion-training"), StringComparison.Ordinal);

        var titleLine = Regex.Match(original, "^title: .*$", RegexOptions.Multiline).Value;
        var saved = await admin.SubmitAsync(path, new() { ["Text"] = original.Replace(titleLine, "title: Caring, edited by our service", StringComparison.Ordinal) }, formName: "edit");
        Assert.Contains("is saved", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Caring, edited by our service", await clinician.GetPageAsync("/programs/compassion-training"), StringComparison.Ordinal);

        var renamed = await admin.SubmitAsync("/admin/programs/compassion-training/edit", new() { ["Text"] = "id: something-else\n" }, formName: "edit");
        Assert.Contains("an edit keeps the id", WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync("/admin/programs/compassion-training/edit?file=..%2F..%2Fprogram.schema.json")).StatusCode);
    }

    [Fact]
    public void Session_text_cannot_carry_markup_and_its_headings_sit_under_the_page()
    {
        var html = Hearth.Web.Programs.ProgramText.ToHtml("# Title\n\nHello <script>alert(1)</script> <b onclick=\"x\">bold</b> [click](javascript:alert(1)) <javascript:alert(2)> [ok](https://example.org/a)\n\n## Part\n").Value;
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.org/a\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Title", html, StringComparison.Ordinal);
        Assert.Contains("<h3", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("/cohorts/(\\d+)")]
    private static partial Regex CohortPath();

    [GeneratedRegex("value=\"(homework-done-\\d+-1-0)\"")]
    private static partial Regex HomeworkForm();

    [GeneratedRegex("value=\"(share-\\d+-\\d+)\"")]
    private static partial Regex ShareForm();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenFields();

    [GeneratedRegex("https?://[^<\\s]+/calendar/[0-9a-f]+\\.ics")]
    private static partial Regex FeedUrl();
}
