using System.Net;

namespace Hearth.Web.Tests;

/// <summary>A service's refusal (Core's Problems.resx) is shown beside its field in the reader's language, like the page around it.</summary>
public class ProblemLanguageTests(HearthApp app) : SetUpAppTests(app)
{
    [Theory]
    [InlineData("ru", "«Atlantis/Capital» — не часовой пояс (укажите название из базы IANA, например Europe/London).")]
    [InlineData("es-MX", "«Atlantis/Capital» no es una zona horaria (usa un nombre IANA, como Europe/London).")]
    [InlineData("fa-IR", "«Atlantis/Capital» منطقهٔ زمانی نیست (نامی از IANA مانند Europe/London به کار ببرید).")]
    [InlineData("en", "&#x27;Atlantis/Capital&#x27; is not a time zone (use an IANA name such as Europe/London).")]
    public async Task A_refused_cohort_is_explained_in_the_readers_language(string language, string sentence)
    {
        using var facilitator = await App.SignedInAsync($"zoneless-{language}@problems.example", "facilitator");
        facilitator.Client.DefaultRequestHeaders.Add("Accept-Language", language);
        var response = await facilitator.SubmitAsync("/cohorts", new()
        {
            ["ProgramId"] = "helping-the-helper", ["Name"] = "Zoneless", ["FirstDate"] = ProgramsTests.Iso(ProgramsTests.NextWeek), ["Time"] = "09:30",
            ["TimeZone"] = "Atlantis/Capital", ["Capacity"] = "8",
        }, formName: "start");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"lang=\"{language}\"", page, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"error\" id=\"zone-error\" role=\"alert\">{sentence}</p>", page, StringComparison.Ordinal);
    }
}
