using Hearth.Content.Evaluation;
using Hearth.Statistics.Evaluation;

namespace Hearth.Content.Tests.Evaluation;

public class PlainLanguageTests
{
    private static EffectEstimate Effect(double estimate, double lower, double upper) => new(estimate, 1, 30, estimate, 0.01, lower, upper);

    [Fact]
    public void A_did_fall_is_said_with_its_interval_and_the_comparison()
    {
        var text = PlainLanguage.DifferenceInDifferences(Effect(-4.7, -5.8, -3.6), "burnout", higherIsBetter: false);
        Assert.Equal("After the change, burnout fell by 4.7 points, 95% CI 3.6 to 5.8, compared with teams without the change. Lower burnout is better, so this is an improvement.", text);
    }

    [Fact]
    public void Whether_a_change_is_better_follows_the_direction_of_the_score()
    {
        Assert.EndsWith("Higher wellbeing is better, so this is a worsening.", PlainLanguage.DifferenceInDifferences(Effect(-4.7, -5.8, -3.6), "wellbeing", higherIsBetter: true), StringComparison.Ordinal);
        var rise = PlainLanguage.DifferenceInDifferences(Effect(2.2, 1.1, 3.3), "wellbeing", higherIsBetter: true);
        Assert.Contains("wellbeing rose by 2.2 points, 95% CI 1.1 to 3.3,", rise, StringComparison.Ordinal);
        Assert.EndsWith("so this is an improvement.", rise, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interval_across_zero_is_a_range_from_a_fall_to_a_rise_and_no_verdict()
    {
        var text = PlainLanguage.DifferenceInDifferences(Effect(-0.4, -1.9, 1.1), "burnout", higherIsBetter: false);
        Assert.Contains("burnout fell by 0.4 points, 95% CI from a fall of 1.9 to a rise of 1.1,", text, StringComparison.Ordinal);
        Assert.Contains("too uncertain to call an improvement or a worsening (its 95% CI includes no change)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-4.71, -5.82, -3.6, "fell by 4.7 points, 95% CI 3.6 to 5.8")]     // CI 2.2 wide: one decimal
    [InlineData(-0.347, -0.61, -0.08, "fell by 0.35 points, 95% CI 0.08 to 0.61")] // 0.53 wide: two
    [InlineData(-12.4, -30.2, 5.4, "fell by 12 points, 95% CI from a fall of 30 to a rise of 5")] // 36 wide: none
    [InlineData(0.02, -1.9, 1.9, "changed by 0.0 points")]
    public void Numbers_have_the_decimals_their_interval_warrants(double estimate, double lower, double upper, string expected)
    {
        Assert.Contains(expected, PlainLanguage.DifferenceInDifferences(Effect(estimate, lower, upper), "burnout", false), StringComparison.Ordinal);
    }

    [Fact]
    public void Its_says_the_change_in_level_and_in_monthly_trend_and_the_trend_before()
    {
        var fit = new InterruptedTimeSeriesResult(Effect(0.15, 0.05, 0.25), Effect(-3.2, -5.4, -1.0), Effect(-0.45, -0.8, -0.1), 48);
        var text = PlainLanguage.InterruptedTimeSeries(fit, "burnout", higherIsBetter: false);
        Assert.Equal("When the change began, the level of burnout fell by 3.2 points, 95% CI 1.0 to 5.4, and the monthly trend fell by 0.45 points per month, 95% CI 0.10 to 0.80; "
            + "before it, burnout rose by 0.15 points per month. Lower burnout is better, so the change in level is an improvement and the change in trend is an improvement.", text);
    }

    [Fact]
    public void Its_judges_level_and_trend_separately()
    {
        var fit = new InterruptedTimeSeriesResult(Effect(0.15, 0.05, 0.25), Effect(2.5, 0.5, 4.5), Effect(-0.1, -0.3, 0.1), 48);
        var text = PlainLanguage.InterruptedTimeSeries(fit, "burnout", higherIsBetter: false);
        Assert.Contains("the level of burnout rose by 2.5 points", text, StringComparison.Ordinal);
        Assert.Contains("the change in level is a worsening and the change in trend is too uncertain to call", text, StringComparison.Ordinal);
    }
}
