using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hl7.Fhir.Model;

namespace Hearth.Content.Tests.Fhir;

public class QuestionnaireTests
{
    public static TheoryData<string> ShippedIds() => [.. TestInstruments.Shipped.Value.Instruments.Select(i => i.Id)];

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Instrument_to_fhir_to_instrument_is_identical(string id)
    {
        var original = TestInstruments.ShippedOne(id);
        var json = FhirJson.Serialize(QuestionnaireExporter.Export(original));

        var back = QuestionnaireImporter.Import(json, "roundtrip.json");

        Assert.True(back.IsValid, string.Join("\n", back.Problems));
        Assert.Equal(InstrumentJson.Serialize(original with { Schema = null }), InstrumentJson.Serialize(back.Definition!));
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void Exported_questionnaire_parses_strictly_and_validates_with_the_sdk(string id)
    {
        var json = FhirJson.Serialize(QuestionnaireExporter.Export(TestInstruments.ShippedOne(id)));
        var (parsed, problems) = FhirJson.Parse<Questionnaire>(json, "export.json");
        Assert.Empty(problems);
        Assert.Empty(FhirJson.Validate(parsed!));
    }

    [Fact]
    public void Loinc_codes_are_carried_on_the_questionnaire_and_its_items()
    {
        var q = QuestionnaireExporter.Export(TestInstruments.ShippedOne("phq-9"));
        Assert.Equal(("http://loinc.org", "44249-1"), (q.Code[0].System, q.Code[0].Code));
        Assert.Equal("44260-8", q.Item[8].Code[0].Code);
    }

    [Fact]
    public void Reverse_keyed_items_carry_reversed_ordinal_weights()
    {
        var q = QuestionnaireExporter.Export(TestInstruments.Simple());
        static decimal?[] Weights(Questionnaire.ItemComponent item) =>
            [.. item.AnswerOption.Select(o => ((FhirDecimal)((Coding)o.Value!).GetExtension(FhirUris.OrdinalValue)!.Value!).Value)];

        Assert.Equal([1m, 2m, 3m, 4m, 5m], Weights(q.Item[0]));
        Assert.Equal([5m, 4m, 3m, 2m, 1m], Weights(q.Item[1]));
        // the code stays the published value, so an importer can tell the keying
        Assert.Equal(["1", "2", "3", "4", "5"], q.Item[1].AnswerOption.Select(o => ((Coding)o.Value!).Code));
    }

    [Fact]
    public void A_foreign_questionnaire_imports_with_scores_supplied_alongside()
    {
        var simple = TestInstruments.Simple();
        var q = QuestionnaireExporter.Export(simple);
        q.Extension.Clear(); // as another tool would write it: no Hearth scoring
        var json = FhirJson.Serialize(q);

        var without = QuestionnaireImporter.Import(json, "foreign.json");
        Assert.False(without.IsValid);
        Assert.Contains("--scores", Assert.Single(without.Problems).Message);

        var with = QuestionnaireImporter.Import(json, "foreign.json", InstrumentScoringExtension.From(simple));
        Assert.True(with.IsValid, string.Join("\n", with.Problems));
        Assert.True(with.Definition!.Items[1].Reverse);
        Assert.False(with.Definition.Items[0].Reverse);
    }

    [Fact]
    public void An_imported_questionnaire_goes_through_the_same_validation()
    {
        var simple = TestInstruments.Simple();
        var q = QuestionnaireExporter.Export(simple);
        q.Item[3].LinkId = "3"; // duplicate
        var result = QuestionnaireImporter.Import(FhirJson.Serialize(q), "dup.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Location == "Questionnaire.item[3].linkId" && p.Message.Contains("duplicate"));
    }

    [Fact]
    public void Malformed_fhir_is_reported_not_thrown()
    {
        var result = QuestionnaireImporter.Import("{\"resourceType\": \"Questionnaire\", \"status\": \"nonsense\"}", "bad.json");
        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void A_resource_of_another_type_is_reported()
    {
        var result = QuestionnaireImporter.Import("{\"resourceType\": \"Patient\", \"active\": true}", "patient.json");
        Assert.Contains("expected a Questionnaire", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Codes_and_weights_that_disagree_are_reported_rather_than_guessed()
    {
        var simple = TestInstruments.Simple();
        var q = QuestionnaireExporter.Export(simple);
        foreach (var option in q.Item[0].AnswerOption)
        {
            var coding = (Coding)option.Value!;
            var weight = (FhirDecimal)coding.GetExtension(FhirUris.OrdinalValue)!.Value!;
            weight.Value -= 1; // codes 1–5 weighted 0–4, as some tools write them
        }
        var result = QuestionnaireImporter.Import(FhirJson.Serialize(q), "shifted.json");
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.Location == "Questionnaire.item[0].answerOption" && p.Message.Contains("disagree"));
    }

    [Fact]
    public void Validation_problems_of_an_import_point_into_the_questionnaire()
    {
        var q = QuestionnaireExporter.Export(TestInstruments.Simple());
        q.Item[3].LinkId = "3";
        var result = QuestionnaireImporter.Import(FhirJson.Serialize(q), "dup.json");
        Assert.Contains(result.Problems, p => p.Location == "Questionnaire.item[3].linkId");
    }
}
