using System.Globalization;
using System.Text.Json;
using Hearth.Content.Instruments;
using Hl7.Fhir.Model;

namespace Hearth.Content.Fhir;

/// <summary>
/// Reads a FHIR R4 Questionnaire into the instrument format, leniently (see <see cref="FhirJson"/>). Scoring,
/// licence and constructs come from a supplement supplied alongside, else from Hearth's extension, else from
/// the Questionnaire's calculated score items (<see cref="CalculatedScores"/>). Weights come from ordinalValue
/// or itemWeight. The result passes through the same validator as instrument files.
/// </summary>
public static class QuestionnaireImporter
{
    public static LoadResult Import(string json, string file, InstrumentScoringExtension? supplement = null)
    {
        var read = FhirJson.Read<Questionnaire>(json, file);
        if (read.Resource is null)
        {
            return new LoadResult(file, null, read.Problems) { Warnings = read.Warnings };
        }
        try
        {
            var result = Import(read.Resource, file, supplement);
            return result with { Warnings = [.. read.Warnings, .. result.Warnings] };
        }
        catch (Hl7.Fhir.Validation.CodedValidationException ex)
        {
            // A leniently read resource keeps what was off in place; an element so far off that the SDK
            // refuses to hand it over stops the import there, with the SDK's words and the element's path.
            return new LoadResult(file, null, [new ValidationProblem(file, ex.InstancePath ?? "", ex.BaseErrorMessage)]) { Warnings = read.Warnings };
        }
    }

    public static LoadResult Import(Questionnaire q, string file, InstrumentScoringExtension? supplement = null)
    {
        var problems = new List<ValidationProblem>();
        var warnings = new List<ValidationProblem>();
        var scales = new List<ResponseScale>();
        var items = new List<InstrumentItem>();
        var calculated = new List<Questionnaire.ItemComponent>();
        var index = 0;
        foreach (var qi in CalculatedScores.Flatten(q.Item))
        {
            var path = $"Questionnaire.item[{index++}]";
            var type = TypeOf(qi);
            if (CalculatedScores.IsCalculated(qi))
            {
                calculated.Add(qi);
            }
            else if (type is Questionnaire.QuestionnaireItemType.Display or Questionnaire.QuestionnaireItemType.Group)
            {
                continue;
            }
            else if (type is Questionnaire.QuestionnaireItemType.Choice or Questionnaire.QuestionnaireItemType.OpenChoice && qi.AnswerOption.Count > 0)
            {
                if (ReadItem(qi, path, file, scales, problems) is { } item)
                {
                    items.Add(item);
                }
            }
            else
            {
                warnings.Add(new ValidationProblem(file, path, $"item '{qi.LinkId}' is not a question with answer options Hearth can score ({type?.ToString() ?? "no known type"}); it was left out"));
            }
        }

        var scoring = supplement ?? ReadExtension(q, file, problems);
        if (scoring is null && problems.Count == 0)
        {
            // Another tool's Questionnaire: its scores from its calculated items, its items renumbered the Hearth way.
            scoring = FromCalculations(q, calculated, [.. items.Select(i => i.LinkId)], file, problems, warnings);
            if (scoring is not null)
            {
                (items, scoring) = Renumbered(items, scoring, file, warnings);
            }
        }
        if (scoring is null || problems.Count > 0)
        {
            return new LoadResult(file, null, problems) { Warnings = warnings };
        }

        var definition = new InstrumentDefinition
        {
            Id = q.Id ?? "",
            Version = q.Version ?? "",
            Title = q.Title ?? "",
            Description = q.Description,
            Constructs = scoring.Constructs,
            RecallPeriod = scoring.RecallPeriod,
            Instructions = scoring.Instructions,
            Citation = scoring.Citation ?? "",
            Licence = scoring.Licence ?? new InstrumentLicence { Kind = LicenceKind.LicenceRequired, Terms = "" },
            Languages = scoring.Languages.Count > 0 ? scoring.Languages : [q.Language ?? "en"],
            Loinc = q.Code.FirstOrDefault(c => c.System == FhirUris.Loinc)?.Code,
            Validated = scoring.Validated,
            ResponseScales = scales,
            Items = items,
            Scores = scoring.Scores,
            SafetyRules = scoring.SafetyRules,
        };
        var validation = InstrumentValidator.Validate(definition, file).Select(p => p with { Location = InQuestionnaireTerms(p.Location, supplement is not null) }).ToList();
        return new LoadResult(file, validation.Count == 0 ? definition : null, validation) { Warnings = warnings };
    }

    /// <summary>
    /// Hearth's linkIds are the item numbers in published order; other tools use their own (LHC-Forms: the
    /// item's LOINC code with a slash). Those are renumbered, and the scores follow; the item's code keeps
    /// its LOINC code.
    /// </summary>
    private static (List<InstrumentItem>, InstrumentScoringExtension) Renumbered(List<InstrumentItem> items, InstrumentScoringExtension scoring, string file, List<ValidationProblem> warnings)
    {
        var numbers = items.Select((item, i) => (item.LinkId, Number: (i + 1).ToString(CultureInfo.InvariantCulture))).ToList();
        // Already numbered, or with a linkId twice (which the validator then reports): left as they are.
        if (numbers.All(n => n.LinkId == n.Number) || numbers.DistinctBy(n => n.LinkId).Count() != numbers.Count)
        {
            return (items, scoring);
        }
        var map = numbers.GroupBy(n => n.LinkId).ToDictionary(g => g.Key, g => g.First().Number);
        warnings.Add(new ValidationProblem(file, "Questionnaire.item.linkId",
            $"items renumbered 1–{items.Count} in their order (Hearth's linkIds are item numbers): {string.Join(", ", numbers.Take(3).Select(n => $"'{n.LinkId}' → {n.Number}"))}{(items.Count > 3 ? ", …" : "")}"));
        string Map(string linkId) => map.GetValueOrDefault(linkId, linkId);
        return (
            [.. items.Select((item, i) => item with { LinkId = numbers[i].Number })],
            scoring with
            {
                Scores = [.. scoring.Scores.Select(score => score with { Items = [.. score.Items.Select(Map)] })],
                SafetyRules = [.. scoring.SafetyRules.Select(rule => rule with { Item = Map(rule.Item) })],
            });
    }

    /// <summary>
    /// For a Questionnaire without Hearth's scoring: the scores its calculated items describe. Only what
    /// cannot be scored is refused, naming what is missing.
    /// </summary>
    private static InstrumentScoringExtension? FromCalculations(Questionnaire q, List<Questionnaire.ItemComponent> calculated, HashSet<string> choiceItems,
        string file, List<ValidationProblem> problems, List<ValidationProblem> warnings)
    {
        var scores = CalculatedScores.Read(q, calculated, choiceItems, file, warnings);
        if (scores.Count == 0)
        {
            problems.Add(new ValidationProblem(file, "Questionnaire.item",
                "no score rule: the Questionnaire has no calculatedExpression item that adds up its answers and no Hearth scoring extension; supply the scores alongside (hearth fhir import FILE --scores SCORES.json)"));
            return null;
        }
        if (CalculatedScores.ConstructOf(q) is not { } construct)
        {
            problems.Add(new ValidationProblem(file, "Questionnaire.code",
                "what the questionnaire measures is not known (its LOINC code is not a panel Hearth knows); supply the constructs alongside (--scores SCORES.json)"));
            return null;
        }
        var source = q.Url ?? q.Id ?? file;
        return new InstrumentScoringExtension
        {
            Constructs = [construct],
            Citation = string.IsNullOrWhiteSpace(q.Publisher) ? $"Imported from the FHIR Questionnaire {source}" : $"{q.Publisher}. Imported from the FHIR Questionnaire {source}",
            Licence = new InstrumentLicence
            {
                Kind = LicenceKind.LicenceRequired,
                Terms = string.IsNullOrWhiteSpace(q.Copyright) ? "The imported Questionnaire does not state its licence: check it before use." : q.Copyright,
            },
            Scores = scores,
        };
    }

    private static InstrumentScoringExtension? ReadExtension(Questionnaire q, string file, List<ValidationProblem> problems)
    {
        if (q.GetExtensionValue<FhirString>(FhirUris.InstrumentScoring)?.Value is not { } json)
        {
            return null;
        }
        try
        {
            return InstrumentJson.Deserialize<InstrumentScoringExtension>(json);
        }
        catch (JsonException ex)
        {
            problems.Add(new ValidationProblem(file, $"Questionnaire.extension('{FhirUris.InstrumentScoring}') {ex.Path}", ex.Message));
            return null;
        }
    }

    private static InstrumentItem? ReadItem(Questionnaire.ItemComponent qi, string path, string file, List<ResponseScale> scales, List<ValidationProblem> problems)
    {
        if (TypeOf(qi) is not (Questionnaire.QuestionnaireItemType.Choice or Questionnaire.QuestionnaireItemType.OpenChoice) || qi.AnswerOption.Count == 0)
        {
            problems.Add(new ValidationProblem(file, path, $"item '{qi.LinkId}' must be a choice item with answer options"));
            return null;
        }

        var options = new List<ResponseOption>();
        var weights = new List<double?>();
        string? system = null;
        for (var o = 0; o < qi.AnswerOption.Count; o++)
        {
            if (qi.AnswerOption[o].Value is not Coding coding)
            {
                problems.Add(new ValidationProblem(file, $"{path}.answerOption[{o}]", "answer options must be codings"));
                return null;
            }
            system ??= coding.System;
            var weight = Weight(qi.AnswerOption[o], coding);
            // Hearth writes the published value as the code; other tools put it only in the weight.
            double? value = double.TryParse(coding.Code, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : weight;
            if (weight is null && value is not null && coding.Code is not null && !double.TryParse(coding.Code, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                value = null;
            }
            options.Add(new ResponseOption { Value = value, Label = coding.Display ?? coding.Code ?? "" });
            weights.Add(weight);
        }

        var reverse = IsReversed(options, weights);
        if (!reverse && options.Zip(weights).Any(p => p.Second is { } w && p.First.Value is { } v && w != v))
        {
            // e.g. codes 1–4 weighted 0–3: which numbers the published key means cannot be known here.
            problems.Add(new ValidationProblem(file, $"{path}.answerOption",
                $"item '{qi.LinkId}': the answer codes and their ordinal weights disagree (neither equal nor mirrored); give the published values as the codes"));
            return null;
        }
        var scale = new ResponseScale { Id = FhirUris.ScaleIdFrom(system) ?? "", Options = options };
        var existing = scales.FirstOrDefault(s => (scale.Id == "" || s.Id == scale.Id) && s.Options.SequenceEqual(scale.Options));
        if (existing is null)
        {
            existing = scale with { Id = scale.Id == "" ? $"scale-{scales.Count + 1}" : scale.Id };
            scales.Add(existing);
        }

        return new InstrumentItem
        {
            LinkId = qi.LinkId ?? "",
            Text = qi.Text,
            Scale = existing.Id,
            Reverse = reverse,
            Loinc = qi.Code.FirstOrDefault(c => c.System == FhirUris.Loinc)?.Code,
        };
    }

    /// <summary>The item's type, or null when a leniently read file gave it a code FHIR does not have (the SDK throws on reading it).</summary>
    private static Questionnaire.QuestionnaireItemType? TypeOf(Questionnaire.ItemComponent qi)
    {
        try
        {
            return qi.Type;
        }
        catch (Hl7.Fhir.Validation.CodedValidationException)
        {
            return null;
        }
    }

    /// <summary>Says where in the Questionnaire (or the supplement) a problem found in the converted instrument lies.</summary>
    private static string InQuestionnaireTerms(string location, bool fromSupplement)
    {
        if (location.StartsWith("$.items[", StringComparison.Ordinal))
        {
            return "Questionnaire.item[" + location["$.items[".Length..];
        }
        if (location.StartsWith("$.responseScales", StringComparison.Ordinal))
        {
            return "Questionnaire.item.answerOption (" + location + ")";
        }
        if (location is "$.id" or "$.version" or "$.title" or "$.loinc")
        {
            return "Questionnaire." + location[2..].Replace("loinc", "code", StringComparison.Ordinal);
        }
        return (fromSupplement ? "scores supplement " : $"Questionnaire.extension('{FhirUris.InstrumentScoring}') ") + location;
    }

    /// <summary>The option's scoring weight: ordinalValue or itemWeight, on the coding (Hearth, R4) or on the answer option (form builders).</summary>
    private static double? Weight(Questionnaire.AnswerOptionComponent option, Coding coding)
    {
        var ext = coding.GetExtension(FhirUris.OrdinalValue) ?? coding.GetExtension(FhirUris.ItemWeight)
            ?? option.GetExtension(FhirUris.OrdinalValue) ?? option.GetExtension(FhirUris.ItemWeight);
        return ext?.Value switch
        {
            FhirDecimal { Value: { } d } => (double)d,
            Integer { Value: { } i } => i,
            _ => null,
        };
    }

    /// <summary>An item is reverse-keyed when every weight is the mirror of its value (min + max − value) and not the value itself.</summary>
    private static bool IsReversed(List<ResponseOption> options, List<double?> weights)
    {
        if (options.Any(o => o.Value is null) || weights.Any(w => w is null))
        {
            return false;
        }
        var min = options.Min(o => o.Value!.Value);
        var max = options.Max(o => o.Value!.Value);
        var mirrored = options.Zip(weights).All(p => p.Second == min + max - p.First.Value);
        var same = options.Zip(weights).All(p => p.Second == p.First.Value);
        return mirrored && !same;
    }
}
