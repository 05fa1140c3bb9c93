using Hearth.Content.Instruments;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace Hearth.Content.Fhir;

/// <summary>What reading a FHIR file gave: the resource (possibly with what was off left out), the problems that stopped it, and the warnings about what was off.</summary>
public sealed record FhirRead<T>(T? Resource, IReadOnlyList<ValidationProblem> Problems, IReadOnlyList<ValidationProblem> Warnings) where T : Resource;

/// <summary>
/// FHIR R4 JSON in and out, with problems reported as values rather than exceptions. Reading is lenient:
/// files from EHR vendors and form builders break the strict rules in small ways (an integer where the
/// specification wants a string, an underscore in an id); the SDK still fills in the resource, and what
/// was off becomes a warning with its FHIR path. Only a file that is not FHIR JSON at all is refused.
/// </summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Reader = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static string Serialize(Base resource) => resource.ToJson(pretty: true);

    public static FhirRead<T> Read<T>(string json, string file) where T : Resource
    {
        try
        {
            Reader.TryDeserializeResource(json, out Resource? resource, out IEnumerable<CodedException> issues);
            var warnings = issues.Select(issue => issue is ExtendedCodedException located
                ? new ValidationProblem(file, located.InstancePath ?? "", located.BaseErrorMessage)
                : new ValidationProblem(file, "", issue.Message)).ToList();
            return resource switch
            {
                T typed => new FhirRead<T>(typed, [], warnings),
                null => new FhirRead<T>(null, warnings.Count > 0 ? warnings : [new ValidationProblem(file, "", "the file holds no FHIR resource")], []),
                _ => new FhirRead<T>(null, [new ValidationProblem(file, "resourceType", $"expected a {typeof(T).Name}, found a {resource.TypeName}")], warnings),
            };
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return new FhirRead<T>(null, [new ValidationProblem(file, "", ex.Message)], []);
        }
        // The SDK's reader fails on some malformed files with exceptions of its own making (an object where
        // a value belongs: InvalidOperationException; a property named "_": IndexOutOfRangeException, found
        // by the fuzz tests). Whatever it throws, the file could not be read: say so, with the reader's words.
        catch (Exception ex) when (ex is InvalidOperationException or IndexOutOfRangeException or ArgumentException or NullReferenceException)
        {
            return new FhirRead<T>(null, [new ValidationProblem(file, "", $"the file is not FHIR JSON that can be read ({ex.Message})")], []);
        }
    }

    /// <summary>Strict reading: anything off is a problem (for Hearth's own files, which must be exactly right).</summary>
    public static (T? Resource, IReadOnlyList<ValidationProblem> Problems) Parse<T>(string json, string file) where T : Resource
    {
        var read = Read<T>(json, file);
        return read.Warnings.Count > 0 ? (null, [.. read.Problems, .. read.Warnings]) : (read.Resource, read.Problems);
    }

    /// <summary>The SDK's own checks of cardinality, required elements and value formats, recursively.</summary>
    public static IReadOnlyList<string> Validate(Base resource)
    {
        var errors = resource.Validate(ModelInfo.ModelInspector);
        return [.. errors.Select(e => e.Message)];
    }
}
