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
}
