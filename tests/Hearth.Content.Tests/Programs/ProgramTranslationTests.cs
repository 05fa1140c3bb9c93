using Hearth.Content.Programs;

namespace Hearth.Content.Tests.Programs;

/// <summary>A program's translations load beside it and must keep the original's shape.</summary>
public class ProgramTranslationTests
{
    private static readonly Lazy<ProgramCatalog> Shipped = new(() => ProgramCatalog.Load(RepoRoot.Combine("content", "programs"), TestInstruments.Shipped.Value));

    private const string SpanishYaml = """
        language: es-MX
        title: Demostración
        summary: Una demostración.
        theory: Algo de teoría.
        mechanism: Un mecanismo.
        facilitator_requirements: Formación en trabajo de grupo.
        recommend_reasons: [Dijiste que a menudo te sientes solo.]
        """;

    private static string SpanishSession(int number, int minutes = 30, int homework = 1) => $$"""
        ---
        number: {{number}}
        title: Sesión {{number}}
        goals: [Conocernos]
        exercises:
          - { title: Ronda, minutes: {{minutes}}, instructions: Todos hablan. }
        homework:
        {{string.Concat(Enumerable.Range(0, homework).Select(_ => "  - { title: Practicar, instructions: Hazlo., reflection_prompt: ¿Qué notaste? }\n"))}}
        facilitator_notes: Cuida el tiempo.
        ---
        Bienvenida a la sesión {{number}}.
        """;

    private static string WithTranslation(string yaml, params (string Name, string Text)[] sessions)
    {
        var folder = ProgramValidationTests.Write("demo", ProgramValidationTests.GoodYaml,
            ("01-first.md", ProgramValidationTests.Session(1)), ("02-second.md", ProgramValidationTests.Session(2)));
        var translation = Path.Combine(folder, "translations", "es-MX");
        Directory.CreateDirectory(Path.Combine(translation, "sessions"));
        File.WriteAllText(Path.Combine(translation, "program.yaml"), yaml);
        foreach (var (name, text) in sessions)
        {
            File.WriteAllText(Path.Combine(translation, "sessions", name), text);
        }
        return folder;
    }

    [Fact]
    public void A_translation_loads_and_serves_its_sessions_in_the_originals_order()
    {
        var result = ProgramValidationTests.Load(WithTranslation(SpanishYaml, ("02-second.md", SpanishSession(2)), ("01-first.md", SpanishSession(1))));
        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems));
        var program = result.Program!;
        Assert.Equal(["en", "es-MX"], program.Languages);
        Assert.True(program.Offers("es-mx"));
        Assert.False(program.Offers("ru"));
        Assert.Equal("Demostración", program.TitleIn("es-MX"));
        Assert.Equal("Demo", program.TitleIn("ru"));
        Assert.Equal(["Sesión 1", "Sesión 2"], program.SessionsIn("es-MX").Select(s => s.Title));
        Assert.Equal("Bienvenida a la sesión 2.", program.SessionsIn("es-MX")[1].Body);
        Assert.Equal("Session 1", program.SessionsIn(null)[0].Title);
    }

    [Fact]
    public void A_translation_that_changes_the_timing_or_the_homework_or_misses_a_session_is_refused_with_where()
    {
        var result = ProgramValidationTests.Load(WithTranslation(SpanishYaml, ("01-first.md", SpanishSession(1, minutes: 25, homework: 2))));
        Assert.Null(result.Program);
        Assert.Contains(result.Problems, p => p.File.EndsWith("01-first.md", StringComparison.Ordinal) && p.Location == "exercises[0].minutes");
        Assert.Contains(result.Problems, p => p.File.EndsWith("01-first.md", StringComparison.Ordinal) && p.Location == "homework" && p.Message.Contains("has 1 homework", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.File.EndsWith(Path.Combine("es-MX", "sessions", "02-second.md"), StringComparison.Ordinal) && p.Message.StartsWith("missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_translation_in_the_wrong_folder_or_without_its_reasons_is_refused()
    {
        var yaml = SpanishYaml.Replace("language: es-MX", "language: es-ES", StringComparison.Ordinal)
            .Replace("recommend_reasons: [Dijiste que a menudo te sientes solo.]", "recommend_reasons: []", StringComparison.Ordinal);
        var result = ProgramValidationTests.Load(WithTranslation(yaml, ("01-first.md", SpanishSession(1)), ("02-second.md", SpanishSession(2))));
        Assert.Null(result.Program);
        Assert.Contains(result.Problems, p => p.Location == "language" && p.Message.Contains("folder named 'es-ES'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Location == "recommend_reasons");
    }

    [Fact]
    public void A_misspelt_field_in_a_translation_is_named_with_its_line()
    {
        var result = ProgramValidationTests.Load(WithTranslation(SpanishYaml + "\ntittle: x\n", ("01-first.md", SpanishSession(1)), ("02-second.md", SpanishSession(2))));
        Assert.Null(result.Program);
        Assert.Contains(result.Problems, p => p.File.EndsWith(Path.Combine("es-MX", "program.yaml"), StringComparison.Ordinal) && p.Location.StartsWith("line ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("helping-the-helper", "es-MX")]
    [InlineData("compassion-training", "fa-IR")]
    [InlineData("mentalization-training", "fa-IR")]
    [InlineData("balint-group", "ru")]
    public void The_shipped_translations_are_there_and_complete(string id, string language)
    {
        var program = Shipped.Value.Find(id)!;
        var translation = program.In(language);
        Assert.NotNull(translation);
        Assert.Equal(program.Sessions.Count, translation!.Sessions.Count);
        // Translated, not copied: no session keeps the English title.
        Assert.All(program.Sessions.Zip(translation.Sessions), pair => Assert.NotEqual(pair.First.Title, pair.Second.Title));
        Assert.NotEqual(program.Title, translation.Title);
    }
}
