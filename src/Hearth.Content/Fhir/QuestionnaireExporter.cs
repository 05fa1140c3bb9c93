using System.Globalization;
using System.Text.Json;
using Hearth.Content.Instruments;
using Hl7.Fhir.Model;

namespace Hearth.Content.Fhir;

/// <summary>
/// Writes an instrument as a FHIR R4 Questionnaire: LOINC codes where known, one choice item per
/// question whose answer options carry the published value as their code and the scoring weight
/// (already reversed for reverse-keyed items) in the ordinalValue extension, and one calculated item per
/// score (see <see cref="ScoreExpressions"/>), so that other tools score it the standard way.
/// </summary>
public static class QuestionnaireExporter
{
    public static Questionnaire Export(InstrumentDefinition d)
    {
        var q = new Questionnaire
        {
            Id = d.Id,
            Url = FhirUris.Instrument(d.Id),
            Version = d.Version,
            Name = ComputableName(d.Id),
            Title = d.Title,
            Status = PublicationStatus.Active,
            Description = d.Description,
            Copyright = $"{d.Licence.Terms}\n\nCitation: {d.Citation}" + string.Concat(d.Translations.Values.Select(t =>
                $"\n\nTranslation ({t.Language}): {t.Source} Licence: {t.Licence.Terms}")),
            Language = d.Languages[0],
        };
        if (d.Loinc is not null)
        {
            q.Code.Add(new Coding(FhirUris.Loinc, d.Loinc, d.Title));
        }
        var translations = d.Translations.Values.OrderBy(t => t.Language, StringComparer.Ordinal).ToList();
        Translate(q.TitleElement, translations, t => t.Title);
        q.Extension.Add(new Extension(FhirUris.InstrumentScoring,
            new FhirString(InstrumentJson.Serialize(InstrumentScoringExtension.From(d)))));

        foreach (var item in d.Items)
        {
            var scale = d.FindScale(item.Scale)!;
            var weighted = ScoreRange.ScaleBounds(scale, out var min, out var max);
            var qi = new Questionnaire.ItemComponent
            {
                LinkId = item.LinkId,
                Text = item.Text,
                Type = Questionnaire.QuestionnaireItemType.Choice,
            };
            if (item.Loinc is not null)
            {
                qi.Code.Add(new Coding(FhirUris.Loinc, item.Loinc));
            }
            Translate(qi.TextElement, translations, t => t.Items.GetValueOrDefault(item.LinkId));
            for (var o = 0; o < scale.Options.Count; o++)
            {
                var option = scale.Options[o];
                var coding = new Coding(FhirUris.Scale(scale.Id), OptionCode(option, o), option.Label);
                var key = InstrumentTranslations.ValueKey(option.Value);
                Translate(coding.DisplayElement, translations, t => t.Options.GetValueOrDefault(scale.Id)?.GetValueOrDefault(key));
                if (weighted && option.Value is { } v)
                {
                    var weight = item.Reverse ? min + max - v : v;
                    coding.Extension.Add(new Extension(FhirUris.OrdinalValue, new FhirDecimal((decimal)weight)));
                }
                qi.AnswerOption.Add(new Questionnaire.AnswerOptionComponent { Value = coding });
            }
            q.Item.Add(qi);
        }
        AddScores(q, d);
        return q;
    }

    /// <summary>
    /// Each score as a read-only item a form engine calculates (SDC calculatedExpression over a variable of
    /// weights), with the score's LOINC code where it has one. Only for instruments whose items all carry
    /// weights: a nominal option has no number to add.
    /// </summary>
    private static void AddScores(Questionnaire q, InstrumentDefinition d)
    {
        if (!d.Items.All(item => ScoreRange.ScaleBounds(d.FindScale(item.Scale)!, out _, out _)))
        {
            return;
        }
        foreach (var score in d.Scores)
        {
            q.Extension.Add(new Extension(FhirUris.Variable, new Expression
            {
                Name = ScoreExpressions.VariableName(score),
                Language = "text/fhirpath",
                Expression_ = ScoreExpressions.WeightsOf(score),
            }));
            var item = new Questionnaire.ItemComponent
            {
                LinkId = FhirUris.ScoreItemPrefix + score.Id,
                Text = score.Title,
                Type = Questionnaire.QuestionnaireItemType.Decimal,
                ReadOnly = true,
            };
            if (score.Loinc is not null)
            {
                item.Code.Add(new Coding(FhirUris.Loinc, score.Loinc));
            }
            item.Extension.Add(new Extension(FhirUris.CalculatedExpression, new Expression
            {
                Language = "text/fhirpath",
                Expression_ = ScoreExpressions.CalculationOf(score),
            }));
            q.Item.Add(item);
        }
    }

    /// <summary>
    /// The validated translations of one text as FHIR translation extensions on its element, so a form
    /// engine can show the questionnaire in the respondent's language (the standard way, not a Hearth one).
    /// </summary>
    private static void Translate(Element? element, IEnumerable<InstrumentTranslation> translations, Func<InstrumentTranslation, string?> textOf)
    {
        if (element is null)
        {
            return; // no text to translate
        }
        foreach (var translation in translations)
        {
            if (textOf(translation) is { Length: > 0 } text)
            {
                var extension = new Extension { Url = FhirUris.Translation };
                extension.Extension.Add(new Extension("lang", new Code(translation.Language)));
                extension.Extension.Add(new Extension("content", new FhirString(text)));
                element.Extension.Add(extension);
            }
        }
    }

    /// <summary>The code of an option: its published value, or its position for a nominal option.</summary>
    internal static string OptionCode(ResponseOption option, int index) =>
        option.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : $"option-{index + 1}";

    private static string ComputableName(string id) =>
        string.Concat(id.Split('-').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
