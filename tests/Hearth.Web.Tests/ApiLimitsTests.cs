using System.Net;
using System.Text;
using System.Text.Json;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>The check-in API refuses what it cannot score, and hostile bodies get short answers.</summary>
public class ApiLimitsTests(HearthApp app) : SetUpAppTests(app)
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<int> MeasurementsOfAsync(string email)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        return await db.Measurements.CountAsync(m => db.Users.Any(u => u.Id == m.UserId && u.Email == email));
    }

    [Fact]
    public async Task Too_few_answers_to_score_are_refused_with_422_naming_how_many_are_needed()
    {
        using var person = await App.SignedInAsync("few@api.example", "clinician");
        var response = await person.Client.PostAsync("/api/v1/me/checkins", Json("""{"answers":{"1":3}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("needs at least 5 of its 5 items answered; 1 was", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await MeasurementsOfAsync("few@api.example"));
    }

    [Fact]
    public async Task A_two_megabyte_body_is_refused_before_it_is_read()
    {
        using var person = await App.SignedInAsync("big@api.example", "clinician");
        var keys = string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"\"k{i}\":1"));
        var response = await person.Client.PostAsync("/api/v1/me/checkins", Json("{\"answers\":{" + keys + "}}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < 1024);
        Assert.Equal(0, await MeasurementsOfAsync("big@api.example"));
    }

    [Fact]
    public async Task Many_bad_answers_get_the_first_twenty_problems_and_a_count_of_the_rest()
    {
        using var person = await App.SignedInAsync("many@api.example", "clinician");
        var keys = string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"unknown{i}\":1"));
        var response = await person.Client.PostAsync("/api/v1/me/checkins", Json("{\"answers\":{" + keys + "}}"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var messages = problem.RootElement.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()).ToList();
        Assert.Equal(21, messages.Count);
        Assert.Contains("and 280 more problems", messages);
    }
}
