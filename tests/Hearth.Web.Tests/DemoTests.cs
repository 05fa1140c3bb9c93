using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

public sealed class DemoApp : HearthApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hearth:Demo", "true");
        builder.UseSetting("Hearth:DemoPassword", Password);
    }
}

public class DemoTests : IClassFixture<DemoApp>
{
    private readonly DemoApp _app;

    public DemoTests(DemoApp app) => _app = app;

    [Fact]
    public async Task Demo_mode_seeds_an_organisation_with_two_years_of_check_ins()
    {
        using var visitor = _app.NewSession();
        Assert.Contains("already set up", await visitor.GetPageAsync("/setup"));

        using var clinician = await _app.SignedInAsync("sam@demo.hearth", "clinician");
        using var results = JsonDocument.Parse(await clinician.Client.GetStringAsync("/api/v1/me/results"));
        var dates = results.RootElement.EnumerateArray().Select(m => m.GetProperty("submittedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(52, dates.Count); // two years, fortnightly
        Assert.True((dates.Max() - dates.Min()).TotalDays > 700);
        // One chart per score, on its scale: WHO-5's percentage, not its raw sum beside it; ticks, dates and named bands.
        var page = System.Net.WebUtility.HtmlDecode(await clinician.GetPageAsync("/results"));
        Assert.Contains("<h3 dir=\"auto\">Wellbeing (percentage)</h3>", page, StringComparison.Ordinal); // its direction its own: English inside a Persian page reads left to right
        Assert.DoesNotContain("Wellbeing raw score", page, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(page, "class=\"score-chart\""));
        var chart = System.Text.RegularExpressions.Regex.Match(page, "<svg[^>]*class=\"score-chart\"[\\s\\S]*?</svg>").Value;
        foreach (var tick in new[] { ">0<", ">20<", ">100<", ">adequate wellbeing<", ">very low wellbeing<", "class=\"band-fill band-" })
        {
            Assert.Contains(tick, chart, StringComparison.Ordinal);
        }
        Assert.Matches(">\\d{1,2} [A-Z][a-z]{2} \\d{2}<", chart); // dates along the time axis
    }

    [Fact]
    public async Task Demo_mode_runs_two_cohorts_led_by_the_demo_facilitator()
    {
        using var facilitator = await _app.SignedInAsync("fran@demo.hearth", "facilitator");
        var list = await facilitator.GetPageAsync("/cohorts");
        Assert.Contains("Community team connection group", list, StringComparison.Ordinal);
        Assert.Contains("Tuesday Balint group", list, StringComparison.Ordinal);
        var id = System.Text.RegularExpressions.Regex.Match(list, "/cohorts/(\\d+)\">Community").Groups[1].Value;
        var dashboard = await facilitator.GetPageAsync($"/cohorts/{id}");
        Assert.Matches("\\d of 8 \\(\\d+%\\)", dashboard); // attendance recorded for the sessions held

        using var clinician = await _app.SignedInAsync("sam@demo.hearth", "clinician");
        Assert.Contains("Session 4 of 6", await clinician.GetPageAsync("/my-program"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_mode_has_a_finished_three_arm_study_with_its_flow_and_report()
    {
        using var researcher = await _app.SignedInAsync("rae@demo.hearth", "researcher");
        var list = await researcher.GetPageAsync("/studies");
        var id = System.Text.RegularExpressions.Regex.Match(list, "/studies/(\\d+)\">Compassion or mentalization").Groups[1].Value;
        Assert.NotEmpty(id);
        var page = System.Net.WebUtility.HtmlDecode(await researcher.GetPageAsync($"/studies/{id}"));
        Assert.Contains("Assessed for eligibility (n = 68)", page, StringComparison.Ordinal);
        Assert.Matches("Excluded \\(n = \\d+\\)", page);
        Assert.Contains("Allocated to waitlist", page, StringComparison.Ordinal);
        Assert.Contains("Lost to follow-up", page, StringComparison.Ordinal);
        Assert.Contains("Per protocol: mixed ANOVA", page, StringComparison.Ordinal);
        Assert.Contains("Intention to treat: linear mixed model", page, StringComparison.Ordinal);
        Assert.Contains("arm × wave interaction, F(", page, StringComparison.Ordinal);
        Assert.DoesNotContain("participant1@demo.hearth", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_study_exports_pseudonymised_data_for_its_researcher_only()
    {
        using var researcher = await _app.SignedInAsync("rae@demo.hearth", "researcher");
        var id = System.Text.RegularExpressions.Regex.Match(await researcher.GetPageAsync("/studies"), "/studies/(\\d+)\">Compassion or mentalization").Groups[1].Value;
        var response = await researcher.Client.GetAsync($"/studies/{id}/export.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("data.csv")!.Open());
        var data = await reader.ReadToEndAsync();
        Assert.StartsWith("participant,arm,status,wave,instrument", data, StringComparison.Ordinal);
        Assert.Matches("P-[2-9A-HJ-NP-Z]{8},(compassion|mentalization|waitlist),", data);
        Assert.DoesNotContain("@demo.hearth", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Participant 1", data, StringComparison.Ordinal);

        using var other = await _app.SignedInAsync("another-researcher@demo.example", "researcher");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/studies/{id}/export.zip")).StatusCode);
        using var clinician = await _app.SignedInAsync("sam@demo.hearth", "clinician");
        Assert.NotEqual(HttpStatusCode.OK, (await clinician.Client.GetAsync($"/studies/{id}/export.zip")).StatusCode);
    }

    [Fact]
    public async Task The_insights_api_lists_every_team_and_withholds_the_small_ones_with_their_reasons()
    {
        using var lead = await _app.SignedInAsync("lee@demo.hearth", "wellbeing-lead");
        var response = await lead.Client.GetAsync("/api/v1/insights/scores?instrument=who-5&score=total&by=team");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(5, root.GetProperty("k").GetInt32());
        Assert.Equal("who-5", root.GetProperty("instrument").GetString());
        Assert.Equal("total", root.GetProperty("score").GetString());
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}$", root.GetProperty("from").GetString());
        var organisation = root.GetProperty("organisation");
        Assert.True(organisation.GetProperty("n").GetInt32() >= 60);
        var groups = root.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        Assert.Equal(7, groups.Count); // every team, suppressed or not
        var crisis = groups["Crisis team"];
        Assert.True(crisis.GetProperty("suppressed").GetBoolean());
        Assert.Equal("fewer than 5 people", crisis.GetProperty("reason").GetString());
        foreach (var field in new[] { "n", "mean", "ci_lower", "ci_upper", "bands" })
        {
            Assert.Equal(JsonValueKind.Null, crisis.GetProperty(field).ValueKind);
        }
        Assert.True(groups["Home treatment team"].GetProperty("suppressed").GetBoolean());
        Assert.Equal(groups["Community service"].GetProperty("id").GetString(), groups["Home treatment team"].GetProperty("parent").GetString());
        // The crisis team's three would follow from the organisation less the other teams: the next-smallest gives way.
        Assert.Equal("would reveal a smaller group by subtraction", groups["Outpatient clinic"].GetProperty("reason").GetString());
        var ward = groups["Inpatient ward"];
        Assert.False(ward.GetProperty("suppressed").GetBoolean());
        Assert.Equal(12, ward.GetProperty("n").GetInt32()); // distinct people, each once
        Assert.True(ward.GetProperty("ci_lower").GetDouble() < ward.GetProperty("mean").GetDouble());
        Assert.Equal(1.0, ward.GetProperty("bands").EnumerateObject().Sum(b => b.Value.GetDouble()), 9);

        var bad = await lead.Client.GetAsync("/api/v1/insights/scores?instrument=who-5&score=total&by=shoe-size");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a grouping", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = System.Net.WebUtility.HtmlDecode(await lead.GetPageAsync("/insights?measure=who-5/total&by=team"));
        Assert.Contains("Withheld: fewer than 5 people", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.DoesNotContain("staff1@demo.hearth", page, StringComparison.Ordinal);
        // A score whose instrument file gives a published norm is compared with it.
        Assert.Contains("Published norm: mean 13.02 (SD 6.35)", System.Net.WebUtility.HtmlDecode(await lead.GetPageAsync("/insights?measure=pss-10/total&by=team")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_caseload_cap_is_evaluated_in_words_against_teams_without_it()
    {
        using var lead = await _app.SignedInAsync("lee@demo.hearth", "wellbeing-lead");
        var list = await lead.GetPageAsync("/insights/changes");
        var path = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/insights/changes/\\d+)\"").Groups[1].Value;
        Assert.NotEmpty(path);
        var page = System.Net.WebUtility.HtmlDecode(await lead.GetPageAsync(path));
        Assert.Contains("Caseload cap of 24 open cases", page, StringComparison.Ordinal);
        Assert.Matches("After the change, .+ rose by [0-9.]+ points, 95% CI", page);
        Assert.Contains("Interrupted time series", page, StringComparison.Ordinal);
        var demands = System.Net.WebUtility.HtmlDecode(await lead.GetPageAsync("/insights/demands"));
        Assert.Contains("Inpatient ward", demands, StringComparison.Ordinal);
        Assert.DoesNotContain("<th scope=\"row\">Crisis team</th>", demands, StringComparison.Ordinal); // three people: not listed
        Assert.Matches("Job demands and Wellbeing \\(percentage\\)[\\s\\S]*<th scope=\"row\">Caseload</th><td>\\d+</td>\\s*<td>-?0\\.\\d\\d \\(", demands);

        // The printable team report, as a page and as a PDF printed by the installed Chromium.
        Assert.Contains("Team report: ", System.Net.WebUtility.HtmlDecode(await lead.GetPageAsync("/insights/report?measure=who-5/total&by=team")), StringComparison.Ordinal);
        var pdf = await lead.Client.GetAsync("/insights/report.pdf?measure=who-5/total&by=team");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(bytes.Length > 5_000);
        using var clinician = await _app.SignedInAsync("sam@demo.hearth", "clinician");
        Assert.NotEqual(HttpStatusCode.OK, (await clinician.Client.GetAsync("/insights/report.pdf")).StatusCode);
    }

    [Fact]
    public async Task The_demands_page_imports_a_file_whole_or_not_at_all()
    {
        using var lead = await _app.SignedInAsync("lee@demo.hearth", "wellbeing-lead");
        var today = DateOnly.FromDateTime(_app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var month = today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var bad = await lead.UploadAsync("/insights/demands", "import", "DemandsFile", "bad.csv", $"team;month;caseload\nInpatient ward;{month};99,5\nInpatient ward;13-2026;20\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badPage = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("bad.csv: line 3, column 'month': '13-2026' is not a month", badPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>99.5</td>", badPage, StringComparison.Ordinal); // nothing written

        var good = System.Net.WebUtility.HtmlDecode(await (await lead.UploadAsync("/insights/demands", "import", "DemandsFile", "good.csv", $"team;month;caseload\nInpatient ward;{month};99,5\n")).Content.ReadAsStringAsync());
        Assert.Contains("Imported 1 team-months.", good, StringComparison.Ordinal);
        Assert.Contains("<td>99.5</td>", good, StringComparison.Ordinal); // a decimal comma in a semicolon file
        Assert.Contains("Job demands and Wellbeing (percentage)", good, StringComparison.Ordinal);
    }
}
