using System.Text.RegularExpressions;
using Hearth.Content.Instruments;
using Hl7.Fhir.Model;

namespace Hearth.Content.Fhir;

/// <summary>
/// Scores read from a Questionnaire that carries no Hearth scoring, the way form builders write them: an
/// item with an SDC calculatedExpression that adds up answers, naming the items by linkId directly or
/// through variables (LHC-Forms' PHQ-9 sums %q1_value … %q9_value, each a variable naming one item). Each
/// such item becomes a sum score of the items it names, with Hearth's default missing-item rule. What
/// the instrument measures is taken from the Questionnaire's LOINC code where it is a known panel.
/// </summary>
internal static partial class CalculatedScores
{
    /// <summary>LOINC panels whose construct is known, for Questionnaires that do not say what they measure.</summary>
    private static readonly Dictionary<string, string> ConstructOfPanel = new(StringComparer.Ordinal)
    {
        ["44249-1"] = "depression", // PHQ-9
        ["55757-9"] = "depression", // PHQ-2
        ["69737-5"] = "anxiety",    // GAD-7
        ["70274-6"] = "anxiety",    // GAD-7 (newer panel)
        ["69733-4"] = "anxiety",    // GAD-2
    };

    public static string? ConstructOf(Questionnaire q) =>
        q.Code.Where(c => c.System == FhirUris.Loinc && c.Code is not null).Select(c => ConstructOfPanel.GetValueOrDefault(c.Code!)).FirstOrDefault(c => c is not null);

    public static bool IsCalculated(Questionnaire.ItemComponent item) => Calculation(item) is not null;

    private static string? Calculation(Element element) =>
        element.GetExtension(FhirUris.CalculatedExpression)?.Value is Expression e ? e.Expression_ : null;

    /// <summary>The scores the calculated items describe, with a warning for each one that names no answered item.</summary>
    public static IReadOnlyList<ScoreDefinition> Read(Questionnaire q, IReadOnlyList<Questionnaire.ItemComponent> calculated, IReadOnlySet<string> choiceItems,
        string file, List<ValidationProblem> warnings)
    {
        var variables = Variables(q);
        var scores = new List<ScoreDefinition>();
        foreach (var item in calculated)
        {
            var linkIds = new List<string>();
            Collect(Calculation(item)!, variables, linkIds, depth: 0);
            var items = linkIds.Where(choiceItems.Contains).Distinct().ToList();
            if (items.Count == 0)
            {
                warnings.Add(new ValidationProblem(file, $"item '{item.LinkId}'", "its calculatedExpression names no choice item of this Questionnaire, so it was not taken as a score"));
                continue;
            }
            var loinc = item.Code.FirstOrDefault(c => c.System == FhirUris.Loinc)?.Code;
            scores.Add(new ScoreDefinition
            {
                Id = calculated.Count == 1 ? "total" : ScoreId(item.LinkId ?? $"score_{scores.Count + 1}"),
                Title = string.IsNullOrWhiteSpace(item.Text) ? "Total" : item.Text,
                Items = items,
                Method = ScoreMethod.Sum,
                Loinc = loinc,
            });
            warnings.Add(new ValidationProblem(file, $"item '{item.LinkId}'",
                $"read as the sum of the weights of items {string.Join(", ", items)}, with Hearth's default missing-item rule and no bands: check it against the instrument's manual"));
        }
        return scores;
    }

    /// <summary>Variables anywhere in the Questionnaire, by name.</summary>
    private static Dictionary<string, string> Variables(Questionnaire q)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        void From(IEnumerable<Extension> extensions)
        {
            foreach (var e in extensions.Where(e => e.Url == FhirUris.Variable))
            {
                if (e.Value is Expression { Name: { } name, Expression_: { } text })
                {
                    found.TryAdd(name, text);
                }
            }
        }
        From(q.Extension);
        foreach (var item in Flatten(q.Item))
        {
            From(item.Extension);
        }
        return found;
    }

    private static void Collect(string expression, Dictionary<string, string> variables, List<string> linkIds, int depth)
    {
        if (depth > 8)
        {
            return; // a variable that refers to itself
        }
        linkIds.AddRange(LinkIdPattern().Matches(expression).Select(m => m.Groups[1].Value));
        foreach (Match reference in VariablePattern().Matches(expression))
        {
            if (variables.TryGetValue(reference.Groups[1].Value, out var inner))
            {
                Collect(inner, variables, linkIds, depth + 1);
            }
        }
    }

    public static IEnumerable<Questionnaire.ItemComponent> Flatten(IEnumerable<Questionnaire.ItemComponent> items) =>
        items.SelectMany(i => new[] { i }.Concat(Flatten(i.Item)));

    private static string ScoreId(string linkId)
    {
        var id = NotIdCharacter().Replace(linkId.ToLowerInvariant(), "_").Trim('_');
        return id.Length == 0 || !char.IsAsciiLetter(id[0]) ? "score_" + id : id;
    }

    [GeneratedRegex(@"linkId\s*=\s*'([^']+)'")]
    private static partial Regex LinkIdPattern();

    [GeneratedRegex(@"%([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotIdCharacter();
}
