using System.Globalization;
using System.Text.Json;
using Hearth.Core.Instruments;
using Hl7.Fhir.Model;

namespace Hearth.Core.Fhir;

/// <summary>
/// Reads a FHIR R4 Questionnaire into the instrument format. Scoring, licence and constructs come
/// from Hearth's extension when present, otherwise from a supplement supplied alongside. The
/// result passes through the same validator as instrument files.
/// </summary>
public static class QuestionnaireImporter
{
    public static LoadResult Import(string json, string file, InstrumentScoringExtension? supplement = null)
    {
        var (questionnaire, parseProblems) = FhirJson.Parse<Questionnaire>(json, file);
        if (questionnaire is null)
        {
            return new LoadResult(file, null, parseProblems);
        }
        return Import(questionnaire, file, supplement);
    }

    public static LoadResult Import(Questionnaire q, string file, InstrumentScoringExtension? supplement = null)
    {
        var problems = new List<ValidationProblem>();
        var scoring = supplement ?? ReadExtension(q, file, problems);
        if (scoring is null)
        {
            problems.Add(new ValidationProblem(file, "Questionnaire.extension",
                "the Questionnaire carries no Hearth scoring; supply the scores alongside (hearth fhir import FILE --scores SCORES.json)"));
            return new LoadResult(file, null, problems);
        }

        var scales = new List<ResponseScale>();
        var items = new List<InstrumentItem>();
        for (var i = 0; i < q.Item.Count; i++)
        {
            var item = ReadItem(q.Item[i], $"Questionnaire.item[{i}]", file, scales, problems);
            if (item is not null)
            {
                items.Add(item);
            }
        }
        if (problems.Count > 0)
        {
            return new LoadResult(file, null, problems);
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
            ResponseScales = scales,
            Items = items,
            Scores = scoring.Scores,
            SafetyRules = scoring.SafetyRules,
        };
        var validation = InstrumentValidator.Validate(definition, file).Select(p => p with { Location = InQuestionnaireTerms(p.Location, supplement is not null) }).ToList();
        return new LoadResult(file, validation.Count == 0 ? definition : null, validation);
    }

    private static InstrumentScoringExtension? ReadExtension(Questionnaire q, string file, List<ValidationProblem> problems)
    {
        if (q.GetExtensionValue<FhirString>(FhirUris.InstrumentScoring)?.Value is not { } json)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<InstrumentScoringExtension>(json, InstrumentJson.Options);
        }
        catch (JsonException ex)
        {
            problems.Add(new ValidationProblem(file, $"Questionnaire.extension('{FhirUris.InstrumentScoring}') {ex.Path}", ex.Message));
            return null;
        }
    }

    private static InstrumentItem? ReadItem(Questionnaire.ItemComponent qi, string path, string file, List<ResponseScale> scales, List<ValidationProblem> problems)
    {
        if (qi.Type != Questionnaire.QuestionnaireItemType.Choice || qi.AnswerOption.Count == 0)
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
            var weight = Weight(coding);
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

    private static double? Weight(Coding coding)
    {
        var ext = coding.GetExtension(FhirUris.OrdinalValue) ?? coding.GetExtension(FhirUris.ItemWeight);
        return ext?.Value is FhirDecimal d && d.Value is { } w ? (double)w : null;
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
