using Hearth.Core.Instruments;
using Hearth.Core.Scoring;
using Hl7.Fhir.Model;

namespace Hearth.Core.Fhir;

/// <summary>
/// Writes scored responses as FHIR R4 QuestionnaireResponses: each answer as the coding of the
/// chosen option, each score (value, band) and each triggered safety rule as an extension.
/// </summary>
public static class ResponseExporter
{
    public static QuestionnaireResponse Export(ScoredResponse response, string respondent, DateTimeOffset authored)
    {
        var d = response.Instrument;
        var qr = new QuestionnaireResponse
        {
            Id = Guid.NewGuid().ToString("N"),
            Questionnaire = $"{FhirUris.Instrument(d.Id)}|{d.Version}",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Identifier = new Identifier(FhirUris.RespondentSystem, respondent),
            Authored = authored.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        };

        foreach (var item in d.Items)
        {
            var ri = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
            if (response.Answers.TryGetValue(item.LinkId, out var value))
            {
                var scale = d.FindScale(item.Scale)!;
                var index = scale.Options.ToList().FindIndex(o => o.Value == value);
                var option = scale.Options[index];
                ri.Answer.Add(new QuestionnaireResponse.AnswerComponent
                {
                    Value = new Coding(FhirUris.Scale(scale.Id), QuestionnaireExporter.OptionCode(option, index), option.Label),
                });
            }
            qr.Item.Add(ri);
        }

        foreach (var score in response.Scores)
        {
            var ext = new Extension { Url = FhirUris.Score };
            ext.Extension.Add(new Extension("id", new FhirString(score.Score.Id)));
            if (score.Value is { } v)
            {
                ext.Extension.Add(new Extension("value", new FhirDecimal((decimal)v)));
            }
            if (score.Band is { } band)
            {
                ext.Extension.Add(new Extension("band", new FhirString(band.Label)));
            }
            qr.Extension.Add(ext);
        }
        foreach (var rule in response.TriggeredSafetyRules)
        {
            qr.Extension.Add(new Extension(FhirUris.SafetyFlag, new FhirString(rule.Id)));
        }
        return qr;
    }

    public static Bundle ExportBundle(IEnumerable<(string Respondent, ScoredResponse Response)> responses, DateTimeOffset authored)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = authored };
        foreach (var (respondent, response) in responses)
        {
            var qr = Export(response, respondent, authored);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.ParseExact(qr.Id!, "N")}", Resource = qr });
        }
        return bundle;
    }
}
