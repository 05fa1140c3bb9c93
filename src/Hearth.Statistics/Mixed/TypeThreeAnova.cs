using Hearth.Statistics.Anova;
using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// What Satterthwaite's df need from a REML fit, in lmerTest's terms: β̂ and its covariance, the Hessian
/// of the REML deviance in the variance parameters varpar = (θ, σ), and ∂cov(β̂)/∂varpar for each of them.
/// </summary>
internal sealed record SatterthwaiteInputs(Vector<double> Beta, Matrix<double> CovBeta, Matrix<double> DevianceHessian, IReadOnlyList<Matrix<double>> CovBetaJacobian);

/// <summary>
/// What Kenward–Roger needs, in pbkrtest's terms, for V = Σ_r γ_r G_r: Φ = cov(β̂), and with W = V⁻¹
/// P_r = −XᵀW G_r W X, Q_rs = XᵀW G_r W G_s W X (Q_sr = Q_rsᵀ) and K_rs = tr(G_r W G_s W).
/// </summary>
internal sealed record KenwardRogerInputs(Vector<double> Beta, Matrix<double> Phi, Matrix<double>[] P, Matrix<double>[,] Q, Matrix<double> K);

/// <summary>
/// The type III F tests of the fixed-effect terms, with Satterthwaite's df as lmerTest computes them
/// (contestMD) or Kenward–Roger's as pbkrtest does (vcovAdj, .KR_adjust). Both only need the fit's
/// summaries above, so the random-intercept and random-slope models share them.
/// </summary>
internal static class TypeThreeAnova
{
    public static List<MixedEffectTest> Satterthwaite(SubjectPatterns design, SatterthwaiteInputs fit)
    {
        // Covariance of the variance parameters: twice the (Moore–Penrose) inverse of the deviance's Hessian.
        var covPar = SymmetricPseudoInverse(fit.DevianceHessian, 1e-8) * 2;
        var tests = new List<MixedEffectTest>();
        foreach (var (term, l) in Hypotheses(design))
        {
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
                var gradient = Vector<double>.Build.Dense(fit.CovBetaJacobian.Count, k => contrast * fit.CovBetaJacobian[k] * contrast);
                nus.Add(2 * d * d / (gradient * covPar * gradient));
            }
            var rank = nus.Count;
            var f = t2 / rank;
            var df = CombinedDf(nus);
            tests.Add(new MixedEffectTest(Terms.Name(term, design.Factors), rank, df, f, Tails.FUpper(f, rank, df)));
        }
        return tests;
    }

    /// <summary>
    /// Kenward–Roger as pbkrtest computes it: the expected information of the covariance parameters, the
    /// bias-adjusted covariance Φ_A of β̂, then per term the scaled Wald F and its denominator df.
    /// </summary>
    public static List<MixedEffectTest> KenwardRoger(SubjectPatterns design, KenwardRogerInputs fit)
    {
        var (phi, p, q, k) = (fit.Phi, fit.P, fit.Q, fit.K);
        var parameters = p.Length;
        var information = Matrix<double>.Build.Dense(parameters, parameters);
        for (var i = 0; i < parameters; i++)
        {
            for (var j = 0; j < parameters; j++)
            {
                information[i, j] = k[i, j] - 2 * phi.PointwiseMultiply(q[i, j]).Enumerate().Sum() + (phi * p[i]).PointwiseMultiply(p[j] * phi).Enumerate().Sum();
            }
        }
        // pbkrtest falls back to the generalised inverse when the information is (nearly) singular.
        var smallest = information.Evd(Symmetricity.Symmetric).EigenValues.Min(e => Math.Abs(e.Real));
        var w = (smallest > 1e-10 ? information.Inverse() : information.PseudoInverse()) * 2;
        var uu = Matrix<double>.Build.Dense(design.P, design.P);
        for (var i = 0; i < parameters; i++)
        {
            for (var j = 0; j < parameters; j++)
            {
                uu += (q[i, j] - p[i] * phi * p[j]) * w[i, j];
            }
        }
        var phiA = phi + phi * uu * phi * 2;

        var tests = new List<MixedEffectTest>();
        foreach (var (term, l) in Hypotheses(design))
        {
            var rank = l.RowCount;
            var theta = l.Transpose() * (l * phi * l.Transpose()).Inverse() * l;
            double a1 = 0, a2 = 0;
            var u = p.Select(pi => theta * phi * pi * phi).ToArray();
            for (var i = 0; i < parameters; i++)
            {
                for (var j = 0; j < parameters; j++)
                {
                    a1 += w[i, j] * u[i].Trace() * u[j].Trace();
                    a2 += w[i, j] * (u[i] * u[j]).Trace();
                }
            }
            double qd = rank;
            var b = (a1 + 6 * a2) / (2 * qd);
            var g = ((qd + 1) * a1 - (qd + 4) * a2) / ((qd + 2) * a2);
            var c1 = g / (3 * qd + 2 * (1 - g));
            var c2 = (qd - g) / (3 * qd + 2 * (1 - g));
            var c3 = (qd + 2 - g) / (3 * qd + 2 * (1 - g));
            var v0 = 1 + c1 * b;
            v0 = Math.Abs(v0) < 1e-10 ? 0 : v0;
            var v1 = 1 - c2 * b;
            var v2 = 1 - c3 * b;
            var rho = 1 / qd * Math.Pow((1 - a2 / qd) / v1, 2) * v0 / v2;
            var df = 4 + (qd + 2) / (qd * rho - 1);
            var scaling = Math.Abs(df - 2) < 0.01 ? 1 : df * (1 - a2 / qd) / (df - 2);
            var lb = l * fit.Beta;
            var wald = lb * (l * phiA * l.Transpose()).Inverse() * lb;
            var f = scaling * wald / qd;
            tests.Add(new MixedEffectTest(Terms.Name(term, design.Factors), rank, df, f, Tails.FUpper(f, rank, df)));
        }
        return tests;
    }

    /// <summary>Every term but the intercept with its hypothesis matrix L over all of β (zero outside the term's columns).</summary>
    private static IEnumerable<(int[] Term, Matrix<double> L)> Hypotheses(SubjectPatterns design)
    {
        var column = 1; // after the intercept
        for (var t = 1; t < design.Terms.Count; t++)
        {
            var q = design.TermColumns[t];
            var l = Matrix<double>.Build.Dense(q, design.P);
            l.SetSubMatrix(0, column, TreatmentHypothesis(design.Terms[t], design.Factors));
            column += q;
            yield return (design.Terms[t], l);
        }
    }

    /// <summary>
    /// The rows of a term's type III hypothesis as lmerTest writes them: the term's treatment contrasts
    /// (each level against the first, and their products for an interaction) expressed in the sum-to-zero
    /// coefficients. Any basis of the term's columns gives the same F; the Satterthwaite df of a multi-df
    /// term depends on the basis through the eigen-decomposition, so this one is used to agree with
    /// <c>anova(model, type = 3)</c>. Kronecker order matches the columns (first factor slowest).
    /// </summary>
    private static Matrix<double> TreatmentHypothesis(int[] term, IReadOnlyList<Factor> factors)
    {
        var result = Matrix<double>.Build.Dense(1, 1, 1);
        foreach (var f in term)
        {
            var levels = factors[f].Levels.Count;
            var sum = Contrasts.Sum(levels);
            // Level j's effect minus the first level's, for j = 2…k, in the sum-coded coefficients.
            var difference = Matrix<double>.Build.Dense(levels - 1, levels - 1, (i, j) => sum[i + 1, j] - sum[0, j]);
            result = result.KroneckerProduct(difference);
        }
        return result;
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
