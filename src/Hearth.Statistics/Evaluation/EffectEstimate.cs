using Hearth.Statistics.Distributions;

namespace Hearth.Statistics.Evaluation;

/// <summary>
/// One coefficient with its standard error, tested against Student's t with <paramref name="Df"/> degrees
/// of freedom: t = estimate / SE, the two-sided p, and the 95% CI estimate ± t₀.₉₇₅ × SE (what R's
/// <c>lmtest::coeftest</c> and <c>coefci</c> report when given the covariance and df).
/// </summary>
public sealed record EffectEstimate(double Estimate, double StandardError, double Df, double T, double P, double CiLower, double CiUpper)
{
    public static EffectEstimate Of(double estimate, double standardError, double df)
    {
        var t = estimate / standardError;
        var half = Tails.TQuantile(0.975, df) * standardError;
        return new EffectEstimate(estimate, standardError, df, t, Tails.TTwoSided(t, df), estimate - half, estimate + half);
    }
}
