using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Instruments;

/// <summary>Hearth's own job demands and resources pulse: what it is, how it scores (more cases in Cases/jdr-pulse.json).</summary>
public class JdrPulseTests
{
    private static InstrumentDefinition Pulse => TestInstruments.ShippedOne("jdr-pulse");

    [Fact]
    public void The_pulse_is_hearths_own_and_says_it_is_not_validated()
    {
        Assert.False(Pulse.Validated);
        Assert.True(Pulse.CanBeAdministered);
        Assert.Contains("Hearth", Pulse.Citation);
        Assert.Contains("not a validated instrument", Pulse.Citation);
        Assert.Equal(LicenceKind.FreeWithAttribution, Pulse.Licence.Kind);
        Assert.Equal("the last two weeks", Pulse.RecallPeriod);
    }

    [Fact]
    public void Six_items_on_a_five_point_agreement_scale_from_0_to_4()
    {
        Assert.Equal(6, Pulse.Items.Count);
        var scale = Assert.Single(Pulse.ResponseScales);
        Assert.Equal(new double?[] { 0, 1, 2, 3, 4 }, scale.Options.Select(o => o.Value));
        Assert.Equal(("Strongly disagree", "Strongly agree"), (scale.Options[0].Label, scale.Options[^1].Label));
    }

    [Fact]
    public void Demands_and_resources_are_means_from_0_to_4_without_bands_or_claimed_evidence()
    {
        var demands = Pulse.Scores.Single(s => s.Id == "demands");
        var resources = Pulse.Scores.Single(s => s.Id == "resources");
        Assert.Equal((ScoreMethod.Mean, false), (demands.Method, demands.HigherIsBetter));
        Assert.Equal((ScoreMethod.Mean, true), (resources.Method, resources.HigherIsBetter));
        Assert.All(Pulse.Scores, score =>
        {
            Assert.Equal(new ScoreRange(0, 4), ScoreRange.Of(score, Pulse));
            Assert.Empty(score.Bands);
            Assert.Null(score.Reliability);
            Assert.Null(score.Norm);
            Assert.NotNull(score.Missing);
        });
    }

    [Fact]
    public void Only_the_workload_item_is_reverse_keyed_because_agreeing_with_it_means_lighter_demands()
    {
        Assert.Equal(new[] { "1" }, Pulse.Items.Where(i => i.Reverse).Select(i => i.LinkId));
        Assert.Contains("hours", Pulse.FindItem("1")!.Text);
    }

    [Fact]
    public void Worked_example_answers_give_the_demands_and_resources_means()
    {
        // Item 1 "agree" (3) reverses to 4 - 3 = 1; demands (1 + 2 + 3) / 3 = 2. Unreversed it would be 8/3.
        // Resources (1 + 3 + 2) / 3 = 2.
        var answers = new Dictionary<string, double?> { ["1"] = 3, ["2"] = 2, ["3"] = 3, ["4"] = 1, ["5"] = 3, ["6"] = 2 };

        var result = new InstrumentScorer(Pulse).Score(answers);

        Assert.Equal(2, result.Find("demands")!.Value!.Value, 9);
        Assert.Equal(2, result.Find("resources")!.Value!.Value, 9);
        Assert.Null(result.Find("demands")!.Band);
    }

    [Fact]
    public void A_missing_answer_leaves_only_its_own_score_empty()
    {
        var answers = new Dictionary<string, double?> { ["1"] = 0, ["2"] = 4, ["3"] = null, ["4"] = 4, ["5"] = 4, ["6"] = 3 };

        var result = new InstrumentScorer(Pulse).Score(answers);

        Assert.Null(result.Find("demands")!.Value);
        Assert.Equal(11.0 / 3, result.Find("resources")!.Value!.Value, 9);
    }
}
