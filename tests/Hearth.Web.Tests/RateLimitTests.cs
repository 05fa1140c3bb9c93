using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Hearth.Web.Tests;

public sealed class TightLimitsApp : HearthApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hearth:RateLimits:SignInPerMinute", "3");
        builder.UseSetting("Hearth:RateLimits:WritesPerMinute", "5");
    }
}

/// <summary>Per-address limits: one address that hammers gets 429 with when to retry; others carry on.</summary>
public class RateLimitTests(TightLimitsApp app) : IClassFixture<TightLimitsApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.EnsureSetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_retry_after_and_other_addresses_are_unaffected()
    {
        using var hammering = app.NewSession("203.0.113.50");
        HttpResponseMessage last = new();
        for (var i = 0; i < 4; i++)
        {
            last = await hammering.SubmitAsync("/account/login", new() { ["Input.Email"] = "nobody@limits.example", ["Input.Password"] = "wrong password " + i });
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta?.TotalSeconds > 0);
        Assert.Contains("try again in", await last.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        using var elsewhere = app.NewSession("198.51.100.60");
        var other = await elsewhere.SubmitAsync("/account/login", new() { ["Input.Email"] = "admin@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task Api_writes_beyond_the_limit_get_problem_details_with_retry_after_and_reading_stays_open()
    {
        using var person = await app.SignedInFromAsync("203.0.113.51", "writer@limits.example", "clinician");
        HttpResponseMessage last = new();
        for (var i = 0; i < 6; i++)
        {
            last = await person.Client.PostAsync("/api/v1/me/checkins", new StringContent("""{"answers":{"1":3,"2":3,"3":3,"4":3,"5":3}}""", Encoding.UTF8, "application/json"));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await person.Client.GetAsync("/api/v1/me/results")).StatusCode);
    }
}
