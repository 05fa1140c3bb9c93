namespace Hearth.Core.Fhir;

/// <summary>The identifiers Hearth uses inside FHIR resources. URNs, so that nothing points at a host.</summary>
public static class FhirUris
{
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /// <summary>R5's name for the same weight; accepted on import from newer tools.</summary>
    public const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    public const string Loinc = "http://loinc.org";
    /// <summary>The parts of an instrument FHIR has no element for (constructs, licence, scores, bands, safety rules).</summary>
    public const string InstrumentScoring = "urn:hearth:fhir:extension:instrument-scoring";
    public const string Score = "urn:hearth:fhir:extension:score";
    public const string SafetyFlag = "urn:hearth:fhir:extension:safety-flag";
    public const string RespondentSystem = "urn:hearth:respondent";
    private const string ScalePrefix = "urn:hearth:scale:";

    public static string Instrument(string id) => $"urn:hearth:instrument:{id}";

    public static string Scale(string scaleId) => ScalePrefix + scaleId;

    public static string? ScaleIdFrom(string? system) =>
        system is not null && system.StartsWith(ScalePrefix, StringComparison.Ordinal) ? system[ScalePrefix.Length..] : null;
}
