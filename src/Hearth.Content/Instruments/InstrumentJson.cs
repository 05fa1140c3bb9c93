using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Hearth.Content.Fhir;

namespace Hearth.Content.Instruments;

/// <summary>Reads and writes the instrument file format (camelCase JSON, unknown members rejected so typos surface).</summary>
public static class InstrumentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // The readers and writers are generated at compile time (the tool runs without a JIT); see InstrumentJsonTypes.
        TypeInfoResolver = InstrumentJsonTypes.Default,
        // Enums are words in the file; a bare number would slip past as an undefined value.
        Converters =
        {
            new JsonStringEnumConverter<LicenceKind>(namingPolicy: null, allowIntegerValues: false),
            new JsonStringEnumConverter<ScoreMethod>(namingPolicy: null, allowIntegerValues: false),
            new JsonStringEnumConverter<BandSeverity>(namingPolicy: null, allowIntegerValues: false),
            new JsonStringEnumConverter<SafetyOperator>(namingPolicy: null, allowIntegerValues: false),
        },
    };

    /// <summary>Parses one file's text. A syntax or shape error comes back as a problem with its line and JSON path.</summary>
    public static (InstrumentDefinition? Definition, ValidationProblem? Problem) Parse(string json, string file) => Parse<InstrumentDefinition>(json, file);

    /// <summary>Parses any file of the instrument formats (a definition, a translation); an error comes back located, as above.</summary>
    public static (T? Value, ValidationProblem? Problem) Parse<T>(string json, string file) where T : class
    {
        try
        {
            var value = Deserialize<T>(json);
            return value is null
                ? (null, new ValidationProblem(file, "$", "the file is empty"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path ?? "$";
            if (ex.LineNumber is { } line)
            {
                where = $"line {line + 1}, {where}";
            }
            return (null, new ValidationProblem(file, where, Clean(ex.Message)));
        }
    }

    public static string Serialize(InstrumentDefinition definition) => Serialize<InstrumentDefinition>(definition);

    /// <summary>Writes any value of the instrument formats, or any part of one.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Reads any value of the instrument formats; throws <see cref="JsonException"/> with its path when the text does not fit.</summary>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the location is reported separately.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}

/// <summary>The instrument formats' types, whose JSON readers and writers are generated at compile time.</summary>
[JsonSerializable(typeof(InstrumentDefinition))]
[JsonSerializable(typeof(InstrumentTranslation))]
[JsonSerializable(typeof(InstrumentScoringExtension))]
internal sealed partial class InstrumentJsonTypes : JsonSerializerContext;
