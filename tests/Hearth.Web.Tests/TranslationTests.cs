using System.Net;
using System.Text.Json.Nodes;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>
/// Questionnaires in their validated translations, an organisation's own licensed translation, and
/// program sessions in the language a facilitator chooses for the cohort.
/// </summary>
public class TranslationTests(HearthApp app) : SetUpAppTests(app)
{
    private async Task<Session> ReaderAsync(string email, string acceptLanguage)
    {
        var session = await App.SignedInAsync(email, "clinician");
        session.Client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return session;
    }

    [Fact]
    public async Task A_russian_reader_gets_the_published_russian_phq9_marked_as_russian_with_its_source()
    {
        using var reader = await ReaderAsync("ru-reader@translations.example", "ru");
        var page = await reader.GetPageAsync("/questionnaires/phq-9");
        Assert.Contains("lang=\"ru\" dir=\"ltr\"", page, StringComparison.Ordinal);
        Assert.Contains("Вам не хотелось ничего делать", page, StringComparison.Ordinal);
        Assert.Contains("Почти каждый день", page, StringComparison.Ordinal);
        Assert.Contains("Russian for Russia", page, StringComparison.Ordinal); // the translation's source
        Assert.DoesNotContain("Little interest or pleasure", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mexican_spanish_reader_gets_the_us_spanish_phq9_and_a_persian_reader_the_english_with_a_notice()
    {
        using var spanish = await ReaderAsync("es-reader@translations.example", "es-MX");
        var page = await spanish.GetPageAsync("/questionnaires/phq-9");
        Assert.Contains("lang=\"es-US\"", page, StringComparison.Ordinal);
        Assert.Contains("Poco interés o placer en hacer cosas", page, StringComparison.Ordinal);

        using var persian = await ReaderAsync("fa-reader@translations.example", "fa-IR");
        var english = await persian.GetPageAsync("/questionnaires/phq-9");
        Assert.Contains("class=\"questionnaire\" lang=\"en\" dir=\"ltr\"", english, StringComparison.Ordinal);
        Assert.Contains("role=\"note\"", english, StringComparison.Ordinal); // shown in English, and says so
    }

    [Fact]
    public async Task An_administrator_uploads_a_licensed_translation_that_readers_then_get_and_a_broken_one_changes_nothing()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var translation = JsonNode.Parse(File.ReadAllText(Hearth.Tests.RepoRoot.Combine("content", "instruments", "translations", "gad-7.ru.json")))!.AsObject();
        translation["language"] = "fa-IR";
        translation["title"] = "ترجمهٔ آزمایشی";
        translation["source"] = "A licensed translation held by the test organisation.";
        translation["items"]!["1"] = "متن آزمایشی پرسش یک";
        translation.Remove("bands");

        var broken = translation.DeepClone().AsObject();
        broken["items"]!.AsObject().Remove("7");
        var refused = await admin.UploadAsync("/admin/questionnaires/translations", "translation", "TranslationFile", "gad-7.fa.json", broken.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("$.items[&#x27;7&#x27;]", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var reader = await ReaderAsync("fa-before@translations.example", "fa-IR"))
        {
            Assert.DoesNotContain("متن آزمایشی پرسش یک", await reader.GetPageAsync("/questionnaires/gad-7"), StringComparison.Ordinal);
        }

        var loaded = await admin.UploadAsync("/admin/questionnaires/translations", "translation", "TranslationFile", "gad-7.fa.json", translation.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        using (var reader = await ReaderAsync("fa-after@translations.example", "fa-IR"))
        {
            var page = await reader.GetPageAsync("/questionnaires/gad-7");
            Assert.Contains("متن آزمایشی پرسش یک", page, StringComparison.Ordinal);
            Assert.Contains("lang=\"fa-IR\" dir=\"rtl\"", page, StringComparison.Ordinal);
        }
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "licensed-translation-upload" && a.Details == "gad-7 fa-IR"));
        Assert.True(File.Exists(Path.Combine(App.DataDirectory, "licensed", "translations", "gad-7.fa-IR.json"))); // loads again after a restart
    }

    [Fact]
    public async Task A_facilitator_runs_helping_the_helper_in_spanish_and_the_participant_reads_the_spanish_session()
    {
        using var facilitator = await App.SignedInAsync("fac@translations.example", "facilitator");
        var began = App.Now.UtcDateTime.AddMinutes(-10);
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, date: began.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            time: began.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), zone: "UTC");
        await ProgramsTests.AddByEmailAsync(App, facilitator, cohortId, "part@translations.example");

        var refused = await facilitator.SubmitAsync($"/cohorts/{cohortId}", new() { ["Language"] = "fa-IR" }, formName: "language");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode); // Helping the Helper has no Persian
        var chosen = await facilitator.SubmitAsync($"/cohorts/{cohortId}", new() { ["Language"] = "es-MX" }, formName: "language");
        Assert.Contains("selected", (await chosen.Content.ReadAsStringAsync()).Split("value=\"es-MX\"")[1][..40], StringComparison.Ordinal);

        using var participant = await App.SignedInAsync("part@translations.example", "clinician");
        var session = await participant.GetPageAsync($"/my-program/{cohortId}/sessions/1");
        Assert.Contains("Construir un espacio seguro para empezar", session, StringComparison.Ordinal);
        Assert.Contains("lang=\"es-MX\" dir=\"ltr\"", session, StringComparison.Ordinal); // the page is English; the session's words are marked Spanish
        Assert.Contains("Construir un espacio seguro para empezar", await participant.GetPageAsync("/my-program"), StringComparison.Ordinal);
        var calendar = await participant.Client.GetStringAsync($"/cohorts/{cohortId}/sessions/1/calendar.ics");
        Assert.Contains("Ayudar a quien ayuda 1: Construir un espacio seguro", calendar.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:Hearth sessions", calendar, StringComparison.Ordinal);
        using (var russian = new HttpRequestMessage(HttpMethod.Get, $"/cohorts/{cohortId}/sessions/1/calendar.ics"))
        {
            russian.Headers.Add("Accept-Language", "ru"); // the calendar's own name in the reader's language
            Assert.Contains("X-WR-CALNAME:Занятия в Hearth", await (await participant.Client.SendAsync(russian)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cohort-language" && a.Details == $"{cohortId}: es-MX"));
    }

    [Fact]
    public async Task A_program_page_is_shown_in_the_readers_language_where_the_program_has_it()
    {
        using var reader = await ReaderAsync("ru-programs@translations.example", "ru");
        var page = await reader.GetPageAsync("/programs/balint-group");
        Assert.Contains("Встреча по случаю", page, StringComparison.Ordinal);
        Assert.Contains("id=\"program-languages\"", page, StringComparison.Ordinal);
        var english = await reader.GetPageAsync("/programs/peer-support-circle"); // no Russian: its own words, marked English
        Assert.Contains("lang=\"en\"", english, StringComparison.Ordinal);
    }
}
