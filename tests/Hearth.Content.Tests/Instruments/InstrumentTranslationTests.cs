using System.Text.Json;
using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;
using NJsonSchema;

namespace Hearth.Content.Tests.Instruments;

/// <summary>
/// Validated translations: each shipped one matches its instrument's items and answers exactly, is served
/// to readers of its language (or the same language elsewhere), never changes a score, and travels in FHIR.
/// </summary>
public class InstrumentTranslationTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Instruments, InstrumentTranslations.Folder);

    public static TheoryData<string> ShippedTranslations() =>
        [.. Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ShippedTranslations))]
    public void A_shipped_translations_keys_and_answers_are_exactly_its_instruments(string file)
    {
        var (translation, problems) = InstrumentTranslations.Parse(File.ReadAllText(Path.Combine(Folder, file)), file);
        Assert.Empty(problems);
        var instrument = TestInstruments.ShippedOne(translation!.Instrument);
        Assert.Equal(instrument.Items.Select(i => i.LinkId).Order(StringComparer.Ordinal), translation.Items.Keys.Order(StringComparer.Ordinal));
        var usedScales = instrument.Items.Select(i => i.Scale).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(usedScales, translation.Options.Keys.Order(StringComparer.Ordinal));
        foreach (var scale in usedScales)
        {
            Assert.Equal(instrument.FindScale(scale)!.Options.Select(o => InstrumentTranslations.ValueKey(o.Value)).Order(StringComparer.Ordinal),
                translation.Options[scale].Keys.Order(StringComparer.Ordinal));
        }
        Assert.False(string.IsNullOrWhiteSpace(translation.Source));
        Assert.Empty(InstrumentTranslations.Check(instrument, translation, file));
        // And the catalog laid it on.
        Assert.Equal(translation.Title, instrument.Translations[translation.Language].Title);
    }

    [Theory]
    [MemberData(nameof(ShippedTranslations))]
    public async Task A_shipped_translation_conforms_to_the_published_schema(string file)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Instruments, "instrument-translation.schema.json"));
        var errors = schema.Validate(File.ReadAllText(Path.Combine(Folder, file)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [InlineData("phq-9", "ru", "ru")]
    [InlineData("phq-9", "es-MX", "es-US")] // the same language for another country, rather than English
    [InlineData("phq-9", "fa-IR", null)]    // no validated Persian text: the original
    [InlineData("phq-9", "en", null)]
    [InlineData("who-5", "ru", "ru")]
    [InlineData("who-5", "es-MX", null)]
    public void A_reader_gets_the_translation_in_their_language_where_there_is_one(string id, string reader, string? served)
    {
        Assert.Equal(served, TestInstruments.ShippedOne(id).TranslationFor(reader)?.Language);
    }

    [Fact]
    public void The_translated_questionnaire_scores_exactly_as_the_original()
    {
        var original = TestInstruments.ShippedOne("phq-9");
        var russian = original.In("ru");
        Assert.Equal("Вам не хотелось ничего делать", russian.Items[0].Text);
        Assert.Equal("Почти каждый день", russian.FindScale("frequency-0-3")!.Options[3].Label);
        var answers = original.Items.ToDictionary(i => i.LinkId, i => (double?)(int.Parse(i.LinkId, System.Globalization.CultureInfo.InvariantCulture) % 4));
        var a = new InstrumentScorer(original).Score(answers);
        var b = new InstrumentScorer(russian).Score(answers);
        Assert.Equal(JsonSerializer.Serialize(a.Scores), JsonSerializer.Serialize(b.Scores));
        Assert.Equal(a.TriggeredSafetyRules, b.TriggeredSafetyRules);
        Assert.Contains(a.Scores, s => s.Value > 0);
    }

    private static InstrumentTranslation Russian() =>
        InstrumentTranslations.Parse(File.ReadAllText(Path.Combine(Folder, "phq-9.ru.json")), "phq-9.ru.json").Translation!;

    [Fact]
    public void A_translation_missing_an_item_or_with_an_answer_the_key_lacks_is_refused_with_where()
    {
        var broken = Russian() with
        {
            Items = Russian().Items.Where(i => i.Key != "9").ToDictionary(),
            Options = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["frequency-0-3"] = new Dictionary<string, string> { ["0"] = "Ни разу", ["1"] = "Несколько дней", ["2"] = "Более недели", ["3"] = "Почти каждый день", ["4"] = "Всегда" },
            },
        };
        var problems = InstrumentTranslations.Check(TestInstruments.ShippedOne("phq-9"), broken, "upload.json");
        Assert.Contains(problems, p => p.Location == "$.items['9']");
        Assert.Contains(problems, p => p.Location == "$.options['frequency-0-3']['4']");
        Assert.All(problems, p => Assert.Equal("upload.json", p.File));
    }

    [Fact]
    public void An_organisations_translation_is_added_only_when_it_fits_and_changes_nothing_otherwise()
    {
        var catalog = InstrumentCatalog.Load(RepoPaths.Instruments);
        var persian = Russian() with { Language = "fa-IR", Title = "پرسشنامه", Items = Russian().Items.Where(i => i.Key != "1").ToDictionary() };
        Assert.NotEmpty(catalog.AddTranslation(persian, "phq-9.fa.json"));
        Assert.Null(catalog.Find("phq-9")!.TranslationFor("fa-IR"));

        var complete = persian with { Items = Russian().Items };
        Assert.Empty(catalog.AddTranslation(complete, "phq-9.fa.json"));
        Assert.Equal("fa-IR", catalog.Find("phq-9")!.TranslationFor("fa-IR")!.Language);
        Assert.Equal("ru", catalog.Find("phq-9")!.TranslationFor("ru")!.Language); // the shipped one stays
    }

    [Fact]
    public void The_fhir_questionnaire_carries_each_translation_as_a_translation_extension()
    {
        var json = FhirJson.Serialize(QuestionnaireExporter.Export(TestInstruments.ShippedOne("phq-9")));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        static IEnumerable<(string Lang, string Content)> Translations(JsonElement primitiveExtension) =>
            primitiveExtension.GetProperty("extension").EnumerateArray()
                .Where(e => e.GetProperty("url").GetString() == FhirUris.Translation)
                .Select(e => (
                    e.GetProperty("extension").EnumerateArray().First(x => x.GetProperty("url").GetString() == "lang").GetProperty("valueCode").GetString()!,
                    e.GetProperty("extension").EnumerateArray().First(x => x.GetProperty("url").GetString() == "content").GetProperty("valueString").GetString()!));
        Assert.Contains(("ru", "Опросник по состоянию здоровья-9 (PHQ-9)"), Translations(root.GetProperty("_title")));
        var first = root.GetProperty("item")[0];
        Assert.Contains(("es-US", "Poco interés o placer en hacer cosas"), Translations(first.GetProperty("_text")));
        var nearlyEveryDay = first.GetProperty("answerOption")[3].GetProperty("valueCoding").GetProperty("_display");
        Assert.Contains(("ru", "Почти каждый день"), Translations(nearlyEveryDay));
    }
}
