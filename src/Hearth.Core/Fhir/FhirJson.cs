using Hearth.Core.Instruments;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace Hearth.Core.Fhir;

/// <summary>Strict FHIR R4 JSON in and out, with problems reported as values rather than exceptions.</summary>
public static class FhirJson
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static string Serialize(Base resource) => resource.ToJson(pretty: true);

    public static (T? Resource, IReadOnlyList<ValidationProblem> Problems) Parse<T>(string json, string file) where T : Resource
    {
        try
        {
            var resource = Strict.DeserializeResource(json);
            if (resource is T typed)
            {
                return (typed, []);
            }
            return (null, [new ValidationProblem(file, "$.resourceType", $"expected a {typeof(T).Name}, found a {resource.TypeName}")]);
        }
        catch (DeserializationFailedException ex)
        {
            return (null, [.. ex.Exceptions.Select(e => new ValidationProblem(file, "", e.Message))]);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return (null, [new ValidationProblem(file, "", ex.Message)]);
        }
        // The SDK's reader fails on some malformed files with exceptions of its own making (an object where
        // a value belongs: InvalidOperationException; a property named "_": IndexOutOfRangeException, found
        // by the fuzz tests). Whatever it throws, the file could not be read: say so, with the reader's words.
        catch (Exception ex) when (ex is InvalidOperationException or IndexOutOfRangeException or ArgumentException or NullReferenceException)
        {
            return (null, [new ValidationProblem(file, "", $"the file is not FHIR JSON that can be read ({ex.Message})")]);
        }
    }

    /// <summary>The SDK's own checks of cardinality, required elements and value formats, recursively.</summary>
    public static IReadOnlyList<string> Validate(Base resource)
    {
        var errors = resource.Validate(ModelInfo.ModelInspector);
        return [.. errors.Select(e => e.Message)];
    }
}
