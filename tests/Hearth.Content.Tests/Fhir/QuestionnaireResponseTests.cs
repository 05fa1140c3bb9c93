using Hearth.Content.Fhir;
using Hearth.Content.Scoring;
using Hl7.Fhir.Model;

namespace Hearth.Content.Tests.Fhir;

public class QuestionnaireResponseTests
{
    private static readonly DateTimeOffset Authored = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static QuestionnaireResponse Phq9Response()
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"{i}", i => (double?)(i == 9 ? 1 : 2));
        return ResponseExporter.Export(scorer.Score(answers), "r1", Authored);
    }

    [Fact]
    public void A_scored_response_parses_strictly_and_validates_with_the_sdk()
    {
        var json = FhirJson.Serialize(Phq9Response());
        var (parsed, problems) = FhirJson.Parse<QuestionnaireResponse>(json, "qr.json");
        Assert.Empty(problems);
        Assert.Empty(FhirJson.Validate(parsed!));
    }

    [Fact]
    public void Answers_are_the_codings_of_the_chosen_options()
    {
        var qr = Phq9Response();
        var answer = (Coding)qr.Item[0].Answer.Single().Value!;
        Assert.Equal(("2", "More than half the days"), (answer.Code, answer.Display));
        Assert.Equal("urn:hearth:instrument:phq-9|1.0.0", qr.Questionnaire);
        Assert.Equal("r1", qr.Identifier!.Value);
    }

    [Fact]
    public void Scores_answer_the_calculated_score_items_with_their_bands_and_safety_flags_travel_as_extensions()
    {
        var qr = Phq9Response();
        var score = qr.Item.Single(i => i.LinkId == "score-total");
        Assert.Equal(17m, ((FhirDecimal)score.Answer.Single().Value!).Value); // 8 × 2 + 1
        Assert.Equal("moderately severe", ((FhirString)score.GetExtension(FhirUris.ScoreBand)!.Value!).Value);
        Assert.Equal("self-harm-thoughts", ((FhirString)qr.GetExtension(FhirUris.SafetyFlag)!.Value!).Value);
    }

    [Fact]
    public void A_stored_response_is_written_against_the_version_it_was_answered_with_and_its_recorded_scores()
    {
        var instrument = TestInstruments.ShippedOne("phq-9");
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"{i}", _ => 1.0);
        var qr = ResponseExporter.Export(instrument, "0.9.0", answers, [new RecordedScore("total", 9, "mild")], [], "r1", Authored);
        Assert.Equal("urn:hearth:instrument:phq-9|0.9.0", qr.Questionnaire);
        Assert.Equal(9m, ((FhirDecimal)qr.Item.Single(i => i.LinkId == "score-total").Answer.Single().Value!).Value);
    }

    [Fact]
    public void A_bundle_holds_one_response_per_respondent()
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        var zero = Enumerable.Range(1, 9).ToDictionary(i => $"{i}", _ => (double?)0);
        var bundle = ResponseExporter.ExportBundle([("a", scorer.Score(zero)), ("b", scorer.Score(zero))], Authored);
        Assert.Equal(2, bundle.Entry.Count);
        Assert.Empty(FhirJson.Validate(bundle));
        Assert.All(bundle.Entry, e => Assert.StartsWith("urn:uuid:", e.FullUrl));
    }
}
