using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// What Satterthwaite's df need from a REML fit, in lmerTest's terms: β̂ and its covariance, the Hessian
/// of the REML deviance in the variance parameters varpar = (θ, σ), and ∂cov(β̂)/∂varpar for each of them.
/// </summary>
internal sealed record SatterthwaiteInputs(Vector<double> Beta, Matrix<double> CovBeta, Matrix<double> DevianceHessian, IReadOnlyList<Matrix<double>> CovBetaJacobian);

/// <summary>
/// Wald tests with Satterthwaite's df as lmerTest computes them: <c>contest1D</c> for one contrast,
/// <c>contestMD</c> for a term's F test.
/// </summary>
internal sealed class SatterthwaiteTests(SatterthwaiteInputs fit) : IWaldTests
{
    // Covariance of the variance parameters: twice the (Moore–Penrose) inverse of the deviance's Hessian.
    private readonly Matrix<double> covPar = SymmetricPseudoInverse(fit.DevianceHessian, 1e-8) * 2;

    public ContrastEstimate Contrast(Vector<double> l)
    {
        var variance = l * fit.CovBeta * l;
        return new ContrastEstimate(l * fit.Beta, Math.Sqrt(variance), Df(l, variance));
    }

    public MixedEffectTest FTest(Hypothesis hypothesis)
    {
        var l = hypothesis.L;
        var q = l.RowCount;
        var vl = l * fit.CovBeta * l.Transpose();
        var eigen = vl.Evd(Symmetricity.Symmetric);
        // Descending eigenvalues, as R's eigen() orders them.
        var order = Enumerable.Range(0, q).OrderByDescending(i => eigen.EigenValues[i].Real).ToArray();
        var tolerance = Math.Max(1e-8 * eigen.EigenValues[order[0]].Real, 0); // lmerTest's eps, sqrt(.Machine$double.eps) ≈ 1.5e-8, scaled
        var t2 = 0.0;
        var nus = new List<double>();
        foreach (var m in order)
        {
            var d = eigen.EigenValues[m].Real;
            if (d <= tolerance)
            {
                continue;
            }
            var contrast = eigen.EigenVectors.Column(m) * l; // row vector over β
            var estimate = contrast * fit.Beta;
            t2 += estimate * estimate / d;
            nus.Add(Df(contrast, d));
        }
        var rank = nus.Count;
        var f = t2 / rank;
        var df = CombinedDf(nus);
        return new MixedEffectTest(hypothesis.Effect, rank, df, f, Tails.FUpper(f, rank, df));
    }

    /// <summary>Satterthwaite's df of one contrast with variance lᵀcov(β̂)l: 2·var² / (∇varᵀ cov(varpar) ∇var).</summary>
    private double Df(Vector<double> contrast, double variance)
    {
        var gradient = Vector<double>.Build.Dense(fit.CovBetaJacobian.Count, k => contrast * fit.CovBetaJacobian[k] * contrast);
        return 2 * variance * variance / (gradient * covPar * gradient);
    }

    /// <summary>lmerTest's combination of one-df Satterthwaite dfs into the F statistic's denominator df.</summary>
    private static double CombinedDf(List<double> nu)
    {
        if (nu.Count == 1 || nu.All(n => Math.Abs(n - nu[0]) < 1e-8))
        {
            return nu[0];
        }
        if (nu.Any(n => n <= 2))
        {
            return 2;
        }
        var e = nu.Sum(n => n / (n - 2));
        return 2 * e / (e - nu.Count);
    }

    /// <summary>
    /// lmerTest's inverse of the deviance Hessian: over the eigenvectors whose eigenvalue exceeds the
    /// tolerance only, so a direction in which the deviance is flat (a variance at zero) drops out
    /// instead of blowing the covariance up.
    /// </summary>
    private static Matrix<double> SymmetricPseudoInverse(Matrix<double> h, double tolerance)
    {
        var eigen = h.Evd(Symmetricity.Symmetric);
        var result = Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount);
        for (var i = 0; i < h.RowCount; i++)
        {
            var value = eigen.EigenValues[i].Real;
            if (value > tolerance)
            {
                var v = eigen.EigenVectors.Column(i);
                result += v.OuterProduct(v) / value;
            }
        }
        return result;
    }
}
