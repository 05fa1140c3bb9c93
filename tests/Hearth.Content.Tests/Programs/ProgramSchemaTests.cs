using System.Text.Json;
using Hearth.Content.Instruments;
using Hearth.Content.Programs;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace Hearth.Content.Tests.Programs;

/// <summary>
/// The published schemas say the same as the loaders: every shipped program (and its sessions' front
/// matter) conforms to program.schema.json, and the allowed values the code knows are the schemas' own.
/// </summary>
public class ProgramSchemaTests
{
    private static readonly string Programs = RepoRoot.Combine("content", "programs");

    public static TheoryData<string> ShippedPrograms() =>
        [.. Directory.GetDirectories(Programs).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>YAML read as plain data and written as JSON, so that a JSON Schema can judge it.</summary>
    private static string AsJson(string yaml)
    {
        var data = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return JsonSerializer.Serialize(data);
    }

    private static async Task<JsonSchema> SchemaAsync() => await JsonSchema.FromFileAsync(Path.Combine(Programs, "program.schema.json"));

    [Theory]
    [MemberData(nameof(ShippedPrograms))]
    public async Task A_shipped_program_conforms_to_the_published_schema(string id)
    {
        var schema = await SchemaAsync();
        var errors = schema.Validate(AsJson(File.ReadAllText(Path.Combine(Programs, id, "program.yaml"))));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public async Task The_schema_check_catches_a_misspelt_field_and_a_level_it_does_not_know()
    {
        var yaml = File.ReadAllText(Path.Combine(Programs, "balint-group", "program.yaml")) + "\ntittle: typo\n";
        var errors = (await SchemaAsync()).Validate(AsJson(yaml.Replace("level: team", "level: planet", StringComparison.Ordinal)));
        Assert.Contains(errors, e => e.Property == "tittle");
        Assert.Contains(errors, e => e.Property == "level" || e.Path?.Contains("level", StringComparison.Ordinal) == true);
    }

    [Theory]
    [MemberData(nameof(ShippedPrograms))]
    public async Task Its_sessions_front_matter_conforms_to_the_published_schema(string id)
    {
        var session = (await SchemaAsync()).Definitions["session"];
        // The original's sessions and every translation's follow the same session shape.
        foreach (var file in Directory.GetFiles(Path.Combine(Programs, id), "*.md", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            var frontMatter = text[4..text.IndexOf("\n---\n", 3, StringComparison.Ordinal)];
            var errors = session.Validate(AsJson(frontMatter));
            Assert.True(errors.Count == 0, $"{file}: " + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    [Theory]
    [MemberData(nameof(ShippedPrograms))]
    public async Task Its_translations_conform_to_the_published_schema(string id)
    {
        var translation = (await SchemaAsync()).Definitions["translation"];
        var folder = Path.Combine(Programs, id, "translations");
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "program.yaml", SearchOption.AllDirectories) : [])
        {
            var errors = translation.Validate(AsJson(File.ReadAllText(file)));
            Assert.True(errors.Count == 0, $"{file}: " + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    [Fact]
    public async Task The_loaders_allowed_values_are_the_schemas()
    {
        var schema = await SchemaAsync();
        IEnumerable<string> Enum(JsonSchema s) => s.Enumeration.Select(v => v!.ToString()!);
        Assert.Equal(Enum(schema.Properties["level"]).Order(), ProgramVocabulary.Levels.Names.Order());
        Assert.Equal(Enum(schema.Properties["format"]).Order(), ProgramVocabulary.Formats.Names.Order());
        Assert.Equal(Enum(schema.Properties["grouping"]).Order(), ProgramVocabulary.Groupings.Names.Order());
        var instrumentSchema = await JsonSchema.FromFileAsync(RepoRoot.Combine("content", "instruments", "instrument.schema.json"));
        Assert.Equal(Enum(instrumentSchema.Properties["constructs"].Item!).Order(), Constructs.Known.Order());
    }
}
