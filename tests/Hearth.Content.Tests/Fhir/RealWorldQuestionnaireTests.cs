using System.Text.Json.Nodes;
using Hearth.Content.Fhir;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Fhir;

/// <summary>
/// Questionnaires as form builders and EHR vendors write them (the LHC-Forms PHQ-9, LOINC 44249-1, is the
/// model): an integer where optionPrefix wants a string, underscores in expression names, weights in
/// ordinalValue or itemWeight on the answer option, LOINC answer codes, and a calculated total.
/// </summary>
public class RealWorldQuestionnaireTests
{
    private static readonly string[] Answers = ["Not at all", "Several days", "More than half the days", "Nearly every day"];

    /// <summary>A PHQ-9 the way LHC-Forms exports it, with <paramref name="weightUrl"/> carrying the weights.</summary>
    private static string LhcStylePhq9(string weightUrl = FhirUris.OrdinalValue, bool withTotal = true, string loinc = "44249-1")
    {
        var items = new JsonArray();
        var variables = new JsonArray();
        for (var i = 1; i <= 9; i++)
        {
            var linkId = $"/4425{i}-0";
            items.Add(new JsonObject
            {
                ["linkId"] = linkId,
                ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = $"4425{i}-0" }),
                ["text"] = $"Question {i}",
                ["type"] = "choice",
                ["answerOption"] = new JsonArray([.. Answers.Select((label, w) => (JsonNode)new JsonObject
                {
                    ["extension"] = new JsonArray(
                        new JsonObject { ["url"] = FhirUris.OptionPrefix, ["valueString"] = w }, // an integer where a string belongs
                        new JsonObject { ["url"] = weightUrl, ["valueDecimal"] = w }),
                    ["valueCoding"] = new JsonObject { ["system"] = "http://loinc.org", ["code"] = $"LA{6568 + w}-5", ["display"] = label },
                })]),
            });
            variables.Add(new JsonObject
            {
                ["url"] = FhirUris.Variable,
                ["valueExpression"] = new JsonObject
                {
                    ["name"] = $"q{i}_value", // an underscore, which FHIR's id type does not allow
                    ["language"] = "text/fhirpath",
                    ["expression"] = $"%resource.item.where(linkId='{linkId}').answer.value.ordinal()",
                },
            });
        }
        if (withTotal)
        {
            items.Add(new JsonObject
            {
                ["linkId"] = "/44261-6",
                ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "44261-6" }),
                ["text"] = "Patient Health Questionnaire 9 item (PHQ-9) total score",
                ["type"] = "decimal",
                ["readOnly"] = true,
                ["extension"] = new JsonArray(new JsonObject
                {
                    ["url"] = FhirUris.CalculatedExpression,
                    ["valueExpression"] = new JsonObject
                    {
                        ["language"] = "text/fhirpath",
                        ["expression"] = "iif(%any_questions_answered, " + string.Join(" + ", Enumerable.Range(1, 9).Select(i => $"iif(%q{i}_value.exists(), %q{i}_value, 0)")) + ", {})",
                    },
                }),
            });
        }
        var questionnaire = new JsonObject
        {
            ["resourceType"] = "Questionnaire",
            ["id"] = "phq-9-lhc",
            ["url"] = "http://loinc.org/q/44249-1",
            ["version"] = "2.56",
            ["title"] = "PHQ-9 quick depression assessment panel",
            ["status"] = "draft",
            ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = loinc }),
            ["extension"] = variables,
            ["item"] = items,
        };
        return questionnaire.ToJsonString();
    }

    [Theory]
    [InlineData(FhirUris.OrdinalValue)]
    [InlineData(FhirUris.ItemWeight)]
    public void A_form_builders_phq9_imports_with_warnings_and_scores_as_published(string weightUrl)
    {
        var result = QuestionnaireImporter.Import(LhcStylePhq9(weightUrl), "lhc-phq9.json");

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        // What was off is listed with its FHIR path, not refused.
        Assert.Contains(result.Warnings, w => w.Location.Contains("answerOption[0].extension[0].value", StringComparison.Ordinal) && w.Message.Contains("not the right type", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Location.Contains("extension[0].value.name", StringComparison.Ordinal) && w.Message.Contains("q1_value", StringComparison.Ordinal));
        var d = result.Definition!;
        Assert.Equal(["depression"], d.Constructs);
        Assert.Equal("44249-1", d.Loinc);
        Assert.Equal("44251-0", d.Items[0].Loinc);
        var total = Assert.Single(d.Scores);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9"], total.Items); // renumbered from '/44251-0' …
        Assert.Contains(result.Warnings, w => w.Message.StartsWith("items renumbered", StringComparison.Ordinal));
        Assert.Equal("44261-6", total.Loinc);
        // Answers scored from their weights: 2 × 8 + 3 = 19.
        var answers = d.Items.ToDictionary(i => i.LinkId, i => (double?)(i.LinkId == "9" ? 3 : 2));
        Assert.Equal(19, new InstrumentScorer(d).Score(answers).Find("total")!.Value);
    }

    [Fact]
    public void A_questionnaire_that_cannot_be_scored_is_refused_naming_the_missing_score_rule()
    {
        var result = QuestionnaireImporter.Import(LhcStylePhq9(withTotal: false), "no-total.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Message.StartsWith("no score rule", StringComparison.Ordinal));
        Assert.NotEmpty(result.Warnings); // the leniency still reported what was off
    }

    [Fact]
    public void Hearths_own_export_round_trips_through_its_calculated_items_alone()
    {
        // Without the Hearth extension, the standard parts (ordinalValue, calculatedExpression) still carry the key.
        var exported = QuestionnaireExporter.Export(TestInstruments.ShippedOne("gad-7"));
        exported.Extension.RemoveAll(e => e.Url == FhirUris.InstrumentScoring);
        var result = QuestionnaireImporter.Import(FhirJson.Serialize(exported), "gad-7.json");
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        var total = Assert.Single(result.Definition!.Scores);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], total.Items);
    }
}
