using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Content.Tests.Scoring;

public class InstrumentScorerTests
{
    private static readonly InstrumentScorer Scorer = new(TestInstruments.Simple());

    private static ScoredResponse Score(params double?[] answers) =>
        Scorer.Score(answers.Select((a, i) => (Key: $"{i + 1}", Value: a)).ToDictionary(p => p.Key, p => p.Value));

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(3.0, true)]
    [InlineData(4.0, false)]
    [InlineData(1.5, false)]
    [InlineData(-1.0, false)]
    [InlineData(64.0, false)]
    [InlineData(double.NaN, false)]
    public void An_answer_is_allowed_only_when_it_is_an_options_value(double value, bool allowed)
    {
        // PHQ-9's items take 0–3; whole numbers are checked by a bit per value, anything else against the list.
        var phq9 = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        Assert.Equal(allowed, phq9.IsAllowed(0, value));
        Assert.Equal(allowed, phq9.IsAllowed(0, value == 0 ? -value : value)); // -0 is 0
    }

    [Fact]
    public void Reverse_keyed_items_are_flipped_before_summing()
    {
        // item 2 = 1 on a 1–5 scale counts as 5: 2 + 5 + 3 + 4 = 14
        Assert.Equal(14, Score(2, 1, 3, 4).Find("total")!.Value);
    }

    [Fact]
    public void A_mean_score_averages_the_keyed_answers()
    {
        Assert.Equal(3.5, Score(2, 1, 3, 4).Find("average")!.Value);
    }

    [Fact]
    public void A_linear_score_transforms_its_base()
    {
        // items 1 and 3: (2 + 3) × 10 − 20 = 30
        Assert.Equal(30, Score(2, 1, 3, 4).Find("scaled")!.Value);
    }

    [Fact]
    public void A_sum_with_a_missing_item_is_prorated_from_the_answered_mean()
    {
        // answered 2, 5 (reversed 1), 4 → 11 over 3 items → 11 × 4 / 3
        Assert.Equal(11.0 * 4 / 3, Score(2, 1, null, 4).Find("total")!.Value!.Value, 12);
    }

    [Fact]
    public void A_score_with_too_few_answers_has_no_value()
    {
        var total = Score(2, null, null, 4).Find("total")!;
        Assert.Null(total.Value);
        Assert.Null(total.Band);
        Assert.Equal(2, total.Answered);
    }

    [Fact]
    public void The_default_rule_needs_every_item_of_a_short_scale()
    {
        // "average" has no rule of its own and four items: all four are needed
        Assert.Null(Score(2, 1, null, 4).Find("average")!.Value);
    }

    [Theory]
    [InlineData(6, 80 * 0.01 * 6)] // ≤ 6 items: all of them
    [InlineData(7, 6)]
    [InlineData(8, 7)]
    [InlineData(9, 8)]
    [InlineData(10, 8)]
    [InlineData(15, 12)]
    [InlineData(30, 24)]
    public void The_default_rule_needs_80_percent_of_longer_scales(int items, double expected)
    {
        var expectedCount = items <= 6 ? items : (int)expected;
        Assert.Equal(expectedCount, MissingItemRules.DefaultMinAnswered(items));
    }

    [Theory]
    [InlineData(1, 5, 1, 1, "low")]   // 4, the lowest score
    [InlineData(2, 4, 2, 3, "low")]   // 2 + 2 + 2 + 3 = 9
    [InlineData(2, 3, 2, 3, "high")]  // 10: a band's lower edge belongs to it
    [InlineData(5, 1, 5, 5, "high")]  // 20: the top of the last band belongs to it
    public void Bands_are_half_open_except_the_last(double a1, double a2, double a3, double a4, string band)
    {
        Assert.Equal(band, Score(a1, a2, a3, a4).Find("total")!.Band!.Label);
    }

    [Fact]
    public void A_band_lower_edge_belongs_to_the_band_above()
    {
        var band = Scorer.BandOf(0, 10);
        Assert.Equal("high", band!.Label);
        Assert.Equal("low", Scorer.BandOf(0, 9.999)!.Label);
        Assert.Equal("high", Scorer.BandOf(0, 20)!.Label);
        Assert.Null(Scorer.BandOf(0, 20.5));
    }

    [Fact]
    public void A_safety_rule_fires_on_the_published_value_before_reverse_keying()
    {
        Assert.Equal("item-4-top", Assert.Single(Score(1, 1, 1, 5).TriggeredSafetyRules).Id);
        Assert.Empty(Score(1, 1, 1, 4).TriggeredSafetyRules);
        Assert.Empty(Score(1, 1, 1, null).TriggeredSafetyRules);
    }

    [Fact]
    public void An_answer_off_the_scale_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Score(1, 1, 1, 7));
        Assert.Contains("item '4'", ex.Message);
    }

    [Fact]
    public void An_unknown_item_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Scorer.Score(new Dictionary<string, double?> { ["99"] = 1 }));
    }
}
