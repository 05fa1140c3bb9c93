using Hearth.Content.Instruments;

namespace Hearth.Content.Fhir;

/// <summary>
/// What a FHIR Questionnaire cannot say about an instrument, carried beside it as JSON. It is also
/// the shape of the "scores supplied alongside" file when importing a Questionnaire that has none.
/// </summary>
public sealed record InstrumentScoringExtension
{
    public IReadOnlyList<string> Constructs { get; set; } = [];
    public IReadOnlyList<string> Languages { get; set; } = [];
    public string? RecallPeriod { get; init; }
    public string? Instructions { get; init; }
    public string? Citation { get; init; }
    public InstrumentLicence? Licence { get; init; }
    /// <summary>Absent in a supplement: a questionnaire is taken to be validated unless it says otherwise.</summary>
    public bool Validated { get; set; } = true;
    public IReadOnlyList<ScoreDefinition> Scores { get; set; } = [];
    public IReadOnlyList<SafetyRule> SafetyRules { get; set; } = [];

    public static InstrumentScoringExtension From(InstrumentDefinition d) => new()
    {
        Constructs = d.Constructs,
        Languages = d.Languages,
        RecallPeriod = d.RecallPeriod,
        Instructions = d.Instructions,
        Citation = d.Citation,
        Licence = d.Licence,
        Validated = d.Validated,
        Scores = d.Scores,
        SafetyRules = d.SafetyRules,
    };
}
