using Hearth.Content.Instruments;

namespace Hearth.Content.Tests.Instruments;

/// <summary>The <c>validated</c> flag: true unless a file says otherwise, and a questionnaire Hearth wrote claims no published evidence.</summary>
public class ValidatedFlagTests
{
    [Fact]
    public void An_instrument_is_validated_unless_its_file_says_otherwise()
    {
        var json = InstrumentJson.Serialize(TestInstruments.Simple());
        var withoutFlag = json.Replace("\"validated\": true,", "", StringComparison.Ordinal);
        Assert.NotEqual(json, withoutFlag);

        Assert.True(InstrumentLoader.LoadText(withoutFlag, "default.json").Definition!.Validated);
        Assert.False(InstrumentLoader.LoadText(json.Replace("\"validated\": true", "\"validated\": false", StringComparison.Ordinal), "own.json").Definition!.Validated);
    }

    [Fact]
    public void Only_hearths_own_pulse_is_marked_not_validated_in_the_library()
    {
        var notValidated = TestInstruments.Shipped.Value.Instruments.Where(i => !i.Validated).Select(i => i.Id);
        Assert.Equal(new[] { "jdr-pulse" }, notValidated);
    }

    [Fact]
    public void A_questionnaire_hearth_wrote_may_not_claim_a_reliability_coefficient()
    {
        var d = HearthsOwn(score => score with { Reliability = new ScoreReliability { Coefficient = 0.8, Kind = "alpha", Source = "wishful" } });
        var problem = Assert.Single(InstrumentValidator.Validate(d, "own.json"));
        Assert.Equal(("own.json", "$.scores[0].reliability"), (problem.File, problem.Location));
        Assert.Contains("not validated", problem.Message);
    }

    [Fact]
    public void A_questionnaire_hearth_wrote_may_not_claim_norms_and_the_loader_names_file_and_field()
    {
        var json = InstrumentJson.Serialize(HearthsOwn(score => score with { Norm = NormTests.Norm(mean: 12, sd: 3) }));
        var result = InstrumentLoader.LoadText(json, "own.json");
        Assert.Null(result.Definition);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("own.json", "$.scores[0].norm"), (problem.File, problem.Location));
        Assert.Contains("norms", problem.Message);
    }

    [Fact]
    public void The_same_claims_pass_on_a_validated_instrument()
    {
        var d = HearthsOwn(score => score with
        {
            Reliability = new ScoreReliability { Coefficient = 0.8, Kind = "alpha", Source = "a study" },
            Norm = NormTests.Norm(mean: 12, sd: 3),
        });
        Assert.Empty(InstrumentValidator.Validate(d with { Validated = true }, "test.json"));
    }

    /// <summary>The simple test instrument marked as Hearth's own, its first score changed by <paramref name="change"/>.</summary>
    private static InstrumentDefinition HearthsOwn(Func<ScoreDefinition, ScoreDefinition> change)
    {
        var d = TestInstruments.Simple();
        return d with { Validated = false, Scores = [change(d.Scores[0]), .. d.Scores.Skip(1)] };
    }
}
