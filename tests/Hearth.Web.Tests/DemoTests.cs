using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

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
    public async Task Demo_mode_seeds_an_organisation_with_a_year_of_check_ins()
    {
        using var visitor = _app.NewSession();
        Assert.Contains("already set up", await visitor.GetPageAsync("/setup"));

        using var clinician = await _app.SignedInAsync("sam@demo.hearth", "clinician");
        using var results = JsonDocument.Parse(await clinician.Client.GetStringAsync("/api/v1/me/results"));
        var dates = results.RootElement.EnumerateArray().Select(m => m.GetProperty("submittedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(26, dates.Count);
        Assert.True((dates.Max() - dates.Min()).TotalDays > 300);
        Assert.Equal(HttpStatusCode.OK, (await clinician.Client.GetAsync("/results")).StatusCode);
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
}
