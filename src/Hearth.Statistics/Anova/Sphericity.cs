using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Anova;

/// <summary>
/// Mauchly's test and the Greenhouse–Geisser and Huynh–Feldt corrections for one within-subjects
/// effect, from its error SSCP projected on an orthonormal contrast basis (q × q).
/// </summary>
public static class Sphericity
{
    /// <param name="withinCells">All within-subjects cells of the design (see <see cref="Mauchly"/>).</param>
    public static SphericityTest Test(string effect, Matrix<double> error, int errorDf, int withinCells, double f, double dfNum, double dfDen)
    {
        var q = error.RowCount;
        var (w, pw) = Mauchly(error, errorDf, withinCells);
        var gg = GreenhouseGeisser(error);
        var hf = HuynhFeldtLecoutre(gg, errorDf, q);
        return new SphericityTest(
            effect, w, pw,
            gg, Tails.FUpper(f, dfNum * gg, dfDen * gg),
            hf, Tails.FUpper(f, dfNum * Math.Min(1, hf), dfDen * Math.Min(1, hf)));
    }

    /// <summary>
    /// Mauchly (1940) W = det U / (tr U / q)^q with the χ² approximation and its second-order
    /// correction ω₂ (Anderson 1958, §10.7), as R's mauchly.test and car compute it; n is the
    /// residual df. R and car write one term of ω₂'s numerator as 3·p with p the number of all
    /// within-subjects cells rather than the effect's q; it is reproduced here so that p-values agree
    /// with R to many digits (for an effect spanning every within cell the two coincide).
    /// </summary>
    public static (double W, double P) Mauchly(Matrix<double> u, int n, int withinCells)
    {
        var p = u.RowCount;
        var trace = u.Trace();
        var logW = Math.Log(u.Determinant()) - p * Math.Log(trace / p);
        var rho = 1 - (2.0 * p * p + p + 2) / (6.0 * p * n);
        var w2 = (p + 2.0) * (p - 1) * (p - 2) * (2.0 * p * p * p + 6.0 * p * p + 3.0 * withinCells + 2) / (288.0 * Math.Pow(n * p * rho, 2));
        var z = -n * rho * logW;
        var df = p * (p + 1) / 2.0 - 1;
        var pr1 = Tails.ChiSquaredUpper(z, df);
        var pr2 = Tails.ChiSquaredUpper(z, df + 4);
        return (Math.Exp(logW), pr1 + w2 * (pr2 - pr1));
    }

    /// <summary>Greenhouse–Geisser (1959) ε = (tr U)² / (q · tr U²).</summary>
    public static double GreenhouseGeisser(Matrix<double> u) => Math.Pow(u.Trace(), 2) / (u.RowCount * (u * u).Trace());

    /// <summary>
    /// Huynh–Feldt ε with Lecoutre's (1991) correction, as R's car and afex report it:
    /// ((ν + 1) q ε̂ − 2) / (q (ν − q ε̂)), ν the residual df. Not capped: it may exceed 1; the
    /// corrected p-value uses min(1, ε). The original Huynh &amp; Feldt (1976) formula has N in place
    /// of ν + 1 (N subjects), which overstates ε with more than one group; SPSS reports that one.
    /// </summary>
    public static double HuynhFeldtLecoutre(double gg, int errorDf, int q) =>
        ((errorDf + 1.0) * q * gg - 2) / (q * (errorDf - q * gg));
}
