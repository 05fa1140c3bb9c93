using System.Text.Json;
using System.Text.Json.Serialization;

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
            var value = JsonSerializer.Deserialize<T>(json, Options);
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

    public static string Serialize(InstrumentDefinition definition)
    {
        return JsonSerializer.Serialize(definition, Options);
    }

    // System.Text.Json appends "Path: … | LineNumber: …" to its messages; the location is reported separately.
    private static string Clean(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }
}
