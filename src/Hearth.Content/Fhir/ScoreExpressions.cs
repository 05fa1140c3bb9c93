using System.Globalization;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Fhir;

/// <summary>
/// Each score of an instrument as FHIRPath (R4, normative: iif, count, aggregate, round), the way SDC form
/// engines such as LHC-Forms compute scores: a Questionnaire variable collects the weights of the answered
/// items (each answer's ordinalValue, already reversed for reverse-keyed items), and the score item's
/// calculatedExpression adds them up, prorates missing items by the instrument's rule and applies the
/// linear transform. An engine then scores a Hearth questionnaire exactly as Hearth does, without Hearth.
/// </summary>
public static class ScoreExpressions
{
    /// <summary>The variable's name: letters and digits only (a FHIR id, and no '-' that FHIRPath would read as minus).</summary>
    public static string VariableName(ScoreDefinition score) =>
        "weights" + string.Concat(score.Id.Split('-', '_', '.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>The answered weights of the score's items, as one collection (combine keeps equal weights; union would not).</summary>
    public static string WeightsOf(ScoreDefinition score) =>
        string.Join(".combine(", score.Items.Select(WeightOf)) + new string(')', score.Items.Count - 1);

    private static string WeightOf(string linkId) =>
        $"%questionnaire.item.where(linkId = '{linkId}').answerOption.value"
        + $".where(code = %resource.item.where(linkId = '{linkId}').answer.value.code)"
        + $".extension.where(url = '{FhirUris.OrdinalValue}').value";

    /// <summary>The score from the variable: empty (no score) below the missing-item minimum, as Hearth's scorer.</summary>
    public static string CalculationOf(ScoreDefinition score)
    {
        var w = "%" + VariableName(score);
        var n = score.Items.Count.ToString(CultureInfo.InvariantCulture);
        var sum = $"{w}.aggregate($this + $total, 0)";
        var baseMethod = score.Method == ScoreMethod.Linear ? score.Transform!.Base : score.Method;
        string aggregate = baseMethod == ScoreMethod.Mean
            ? $"({sum} / {w}.count())"
            : score.Missing?.RoundProrated == true ? $"({sum} * {n} / {w}.count()).round(0)" : $"({sum} * {n} / {w}.count())";
        if (score.Method == ScoreMethod.Linear)
        {
            aggregate = $"({aggregate} * {Number(score.Transform!.Multiply)} + {Number(score.Transform.Add)})";
        }
        var min = MissingItemRules.MinAnswered(score).ToString(CultureInfo.InvariantCulture);
        return $"iif({w}.count() >= {min}, {aggregate}, {{}})";
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
