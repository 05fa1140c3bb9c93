namespace Hearth.Content.Fhir;

/// <summary>
/// The identifiers Hearth uses inside FHIR resources. Standard extensions by their HL7 canonical URLs;
/// Hearth's own three by canonical URLs under <see cref="HearthBase"/>, each defined by a
/// StructureDefinition shipped in content/fhir. That base uses a name reserved for examples (RFC 2606):
/// a canonical URL identifies a definition, it is not an address to visit, and this one can never point
/// at somebody else's server.
/// </summary>
public static class FhirUris
{
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    /// <summary>R5's name for the same weight; accepted on import from newer tools.</summary>
    public const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    /// <summary>A label such as "1." shown before an answer option; read leniently, never needed.</summary>
    public const string OptionPrefix = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionPrefix";
    /// <summary>A named FHIRPath expression other expressions refer to as %name.</summary>
    public const string Variable = "http://hl7.org/fhir/StructureDefinition/variable";
    /// <summary>SDC: an item whose value a form engine computes (a score).</summary>
    public const string CalculatedExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
    public const string Loinc = "http://loinc.org";
    /// <summary>A primitive's text in another language: sub-extensions <c>lang</c> (code) and <c>content</c> (string).</summary>
    public const string Translation = "http://hl7.org/fhir/StructureDefinition/translation";

    public const string HearthBase = "http://hearth.example/fhir/StructureDefinition/";
    /// <summary>The parts of an instrument FHIR has no element for (constructs, licence, scores, bands, safety rules), as JSON.</summary>
    public const string InstrumentScoring = HearthBase + "instrument-scoring";
    /// <summary>The band of a score, on the QuestionnaireResponse item that answers the score.</summary>
    public const string ScoreBand = HearthBase + "score-band";
    /// <summary>A safety rule the answers triggered, on the QuestionnaireResponse.</summary>
    public const string SafetyFlag = HearthBase + "safety-flag";

    public const string RespondentSystem = "urn:hearth:respondent";
    private const string ScalePrefix = "urn:hearth:scale:";
    /// <summary>The linkId of the item that carries a score: a prefix no instrument item uses.</summary>
    public const string ScoreItemPrefix = "score-";

    public static string Instrument(string id) => $"urn:hearth:instrument:{id}";

    public static string Scale(string scaleId) => ScalePrefix + scaleId;

    public static string? ScaleIdFrom(string? system) =>
        system is not null && system.StartsWith(ScalePrefix, StringComparison.Ordinal) ? system[ScalePrefix.Length..] : null;
}
