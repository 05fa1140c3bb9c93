using System.Globalization;
using Hearth.Statistics.Evaluation;

namespace Hearth.Content.Evaluation;

/// <summary>
/// The evaluations in words for the people who made the change: "After the change, burnout fell by 4.7
/// points, 95% CI 3.6 to 5.8, compared with teams without the change." Changes are said as rises and
/// falls rather than signed numbers, the CI as the range of the fall (or, when it spans zero, from a fall
/// to a rise), and whether that is better or worse follows from whether higher scores are better.
/// Numbers get as many decimals as the CI's width needs for two significant digits (a CI 2.2 wide → one,
/// 0.7 wide → two), so a 0–100 score reads "4.7 points" and a 1–5 one "0.35 points".
/// </summary>
public static class PlainLanguage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string DifferenceInDifferences(EffectEstimate effect, string score, bool higherIsBetter) =>
        $"After the change, {score} {Change(effect, "points")}, compared with teams without the change. "
        + $"{Better(score, higherIsBetter)}, so this is {Judgement(effect, higherIsBetter)}.";

    public static string InterruptedTimeSeries(InterruptedTimeSeriesResult fit, string score, bool higherIsBetter) =>
        $"When the change began, the level of {score} {Change(fit.LevelChange, "points")}, and the monthly trend {Change(fit.SlopeChange, "points per month")}; "
        + $"before it, {score} {Direction(fit.PreSlope, "points per month", Decimals(fit.PreSlope))}. "
        + $"{Better(score, higherIsBetter)}, so the change in level is {Judgement(fit.LevelChange, higherIsBetter)} and the change in trend is {Judgement(fit.SlopeChange, higherIsBetter)}.";

    /// <summary>"fell by 4.7 points, 95% CI 3.6 to 5.8"; "rose by 0.4 points, 95% CI from a fall of 1.1 to a rise of 1.9".</summary>
    private static string Change(EffectEstimate e, string unit)
    {
        var decimals = Decimals(e);
        var change = Direction(e, unit, decimals);
        if (!double.IsFinite(e.CiLower) || !double.IsFinite(e.CiUpper))
        {
            return change;
        }
        var (near, far) = (Math.Min(Math.Abs(e.CiLower), Math.Abs(e.CiUpper)), Math.Max(Math.Abs(e.CiLower), Math.Abs(e.CiUpper)));
        var interval = Excludes0(e)
            ? $"{Number(near, decimals)} to {Number(far, decimals)}"
            : $"from a fall of {Number(-e.CiLower, decimals)} to a rise of {Number(e.CiUpper, decimals)}";
        return $"{change}, 95% CI {interval}";
    }

    /// <summary>"fell by 4.7 points", "rose by 0.15 points per month", or "changed by 0.0 points" when it rounds to nothing.</summary>
    private static string Direction(EffectEstimate e, string unit, int decimals)
    {
        var size = Number(Math.Abs(e.Estimate), decimals);
        var verb = size == Number(0, decimals) ? "changed" : e.Estimate < 0 ? "fell" : "rose";
        return $"{verb} by {size} {unit}";
    }

    private static string Better(string score, bool higherIsBetter) => $"{(higherIsBetter ? "Higher" : "Lower")} {score} is better";

    private static string Judgement(EffectEstimate e, bool higherIsBetter) =>
        !Excludes0(e) ? "too uncertain to call an improvement or a worsening (its 95% CI includes no change)"
        : e.Estimate > 0 == higherIsBetter ? "an improvement" : "a worsening";

    private static bool Excludes0(EffectEstimate e) => e.CiLower > 0 || e.CiUpper < 0;

    /// <summary>Enough decimals to show the CI's width to two significant digits (0 to 4); one when there is no CI.</summary>
    private static int Decimals(EffectEstimate e)
    {
        var width = e.CiUpper - e.CiLower;
        return width > 0 && double.IsFinite(width) ? Math.Clamp(1 - (int)Math.Floor(Math.Log10(width)), 0, 4) : 1;
    }

    private static string Number(double value, int decimals) => value.ToString("F" + decimals, Invariant);
}
