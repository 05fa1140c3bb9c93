using Hearth.Content.Instruments;
using Hearth.Content.Scoring;
using Hl7.Fhir.Model;

namespace Hearth.Content.Fhir;

/// <summary>One score as it was recorded: which, its value (none when too few items were answered) and its band.</summary>
public sealed record RecordedScore(string ScoreId, double? Value, string? Band);

/// <summary>
/// Writes responses as FHIR R4 QuestionnaireResponses: each answer as the coding of the chosen option,
/// each score as the answer to the Questionnaire's calculated score item (value, with its band in the
/// score-band extension) and each triggered safety rule as a safety-flag extension. A stored response is
/// written against the instrument version it was answered with, with the scores it was given then.
/// </summary>
public static class ResponseExporter
{
    public static QuestionnaireResponse Export(ScoredResponse response, string respondent, DateTimeOffset authored) =>
        Export(response.Instrument, response.Instrument.Version, response.Answers,
            [.. response.Scores.Select(s => new RecordedScore(s.Score.Id, s.Value, s.Band?.Label))],
            [.. response.TriggeredSafetyRules.Select(r => r.Id)], respondent, authored);

    /// <param name="itemsIncluded">False for a research export: scores only, so no item answer (and no answer about safety) leaves the app.</param>
    public static QuestionnaireResponse Export(InstrumentDefinition d, string answeredVersion, IReadOnlyDictionary<string, double> answers,
        IReadOnlyList<RecordedScore> scores, IReadOnlyList<string> safetyRuleIds, string respondent, DateTimeOffset authored, bool itemsIncluded = true)
    {
        var qr = new QuestionnaireResponse
        {
            Id = Guid.NewGuid().ToString("N"),
            Questionnaire = $"{FhirUris.Instrument(d.Id)}|{answeredVersion}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Identifier = new Identifier(FhirUris.RespondentSystem, respondent),
            Authored = authored.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        };

        foreach (var item in itemsIncluded ? d.Items : [])
        {
            var ri = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
            if (answers.TryGetValue(item.LinkId, out var value))
            {
                var scale = d.FindScale(item.Scale)!;
                var index = scale.Options.ToList().FindIndex(o => o.Value == value);
                if (index >= 0)
                {
                    var option = scale.Options[index];
                    ri.Answer.Add(new QuestionnaireResponse.AnswerComponent
                    {
                        Value = new Coding(FhirUris.Scale(scale.Id), QuestionnaireExporter.OptionCode(option, index), option.Label),
                    });
                }
            }
            qr.Item.Add(ri);
        }

        foreach (var score in scores)
        {
            var ri = new QuestionnaireResponse.ItemComponent
            {
                LinkId = FhirUris.ScoreItemPrefix + score.ScoreId,
                Text = d.Scores.FirstOrDefault(s => s.Id == score.ScoreId)?.Title,
            };
            if (score.Value is { } v)
            {
                ri.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = new FhirDecimal((decimal)v) });
            }
            if (score.Band is { } band)
            {
                ri.Extension.Add(new Extension(FhirUris.ScoreBand, new FhirString(band)));
            }
            qr.Item.Add(ri);
        }
        foreach (var rule in safetyRuleIds)
        {
            qr.Extension.Add(new Extension(FhirUris.SafetyFlag, new FhirString(rule)));
        }
        return qr;
    }

    public static Bundle ExportBundle(IEnumerable<(string Respondent, ScoredResponse Response)> responses, DateTimeOffset authored) =>
        Bundle(responses.Select(r => Export(r.Response, r.Respondent, authored)), authored);

    public static Bundle Bundle(IEnumerable<QuestionnaireResponse> responses, DateTimeOffset timestamp)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection, Timestamp = timestamp };
        foreach (var qr in responses)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.ParseExact(qr.Id!, "N")}", Resource = qr });
        }
        return bundle;
    }
}
