using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Hearth.Statistics.Distributions;

/// <summary>
/// Upper-tail probabilities computed directly from the regularized incomplete beta and gamma
/// functions, so that small p-values keep their relative precision (1 − CDF would lose it).
/// </summary>
public static class Tails
{
    /// <summary>P(F ≥ f) for F(d1, d2): I_{d2/(d2 + d1 f)}(d2/2, d1/2).</summary>
    public static double FUpper(double f, double d1, double d2)
    {
        if (double.IsNaN(f))
        {
            return double.NaN;
        }
        if (f <= 0)
        {
            return 1;
        }
        return SpecialFunctions.BetaRegularized(d2 / 2, d1 / 2, d2 / (d2 + d1 * f));
    }

    /// <summary>Two-sided P(|T| ≥ |t|) for Student's t with df degrees of freedom: I_{df/(df + t²)}(df/2, 1/2).</summary>
    public static double TTwoSided(double t, double df)
    {
        if (double.IsNaN(t))
        {
            return double.NaN;
        }
        return SpecialFunctions.BetaRegularized(df / 2, 0.5, df / (df + t * t));
    }

    /// <summary>P(X ≥ x) for χ² with k degrees of freedom: Q(k/2, x/2).</summary>
    public static double ChiSquaredUpper(double x, double k) =>
        x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(k / 2, x / 2);

    /// <summary>The q-quantile of Student's t.</summary>
    public static double TQuantile(double q, double df) => StudentT.InvCDF(0, 1, df, q);

    /// <summary>The q-quantile of F(d1, d2).</summary>
    public static double FQuantile(double q, double d1, double d2) => FisherSnedecor.InvCDF(d1, d2, q);
}
