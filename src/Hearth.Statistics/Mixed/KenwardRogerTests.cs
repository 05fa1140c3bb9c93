using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// What Kenward–Roger needs, in pbkrtest's terms, for V = Σ_r γ_r G_r: Φ = cov(β̂), and with W = V⁻¹
/// P_r = −XᵀW G_r W X, Q_rs = XᵀW G_r W G_s W X (Q_sr = Q_rsᵀ) and K_rs = tr(G_r W G_s W).
/// </summary>
internal sealed record KenwardRogerInputs(Vector<double> Beta, Matrix<double> Phi, Matrix<double>[] P, Matrix<double>[,] Q, Matrix<double> K);

/// <summary>
/// Kenward–Roger as pbkrtest computes it: the expected information of the covariance parameters and the
/// bias-adjusted covariance Φ_A of β̂ (<c>vcovAdj</c>), then per hypothesis the denominator df
/// (<c>Lb_ddf</c>, <c>.KR_adjust</c>) and the scaled Wald F — or, for one contrast, its SE from Φ_A as
/// lmerTest's <c>summary(model, ddf = "Kenward-Roger")</c> reports it.
/// </summary>
internal sealed class KenwardRogerTests : IWaldTests
{
    private readonly KenwardRogerInputs fit;
    // Twice the inverse of the covariance parameters' information, and Φ_A.
    private readonly Matrix<double> w;
    private readonly Matrix<double> phiA;

    public KenwardRogerTests(KenwardRogerInputs fit)
    {
        this.fit = fit;
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
        w = (smallest > 1e-10 ? information.Inverse() : information.PseudoInverse()) * 2;
        var uu = Matrix<double>.Build.Dense(phi.RowCount, phi.ColumnCount);
        for (var i = 0; i < parameters; i++)
        {
            for (var j = 0; j < parameters; j++)
            {
                uu += (q[i, j] - p[i] * phi * p[j]) * w[i, j];
            }
        }
        phiA = phi + phi * uu * phi * 2;
    }

    public ContrastEstimate Contrast(Vector<double> l)
    {
        var (df, _) = DenominatorDf(l.ToRowMatrix());
        return new ContrastEstimate(l * fit.Beta, Math.Sqrt(l * phiA * l), df);
    }

    public MixedEffectTest FTest(Hypothesis hypothesis)
    {
        var l = hypothesis.L;
        double q = l.RowCount;
        var (df, a2) = DenominatorDf(l);
        var scaling = Math.Abs(df - 2) < 0.01 ? 1 : df * (1 - a2 / q) / (df - 2);
        var lb = l * fit.Beta;
        var wald = lb * (l * phiA * l.Transpose()).Inverse() * lb;
        var f = scaling * wald / q;
        return new MixedEffectTest(hypothesis.Effect, l.RowCount, df, f, Tails.FUpper(f, l.RowCount, df));
    }

    /// <summary>pbkrtest's denominator df of Lβ = 0, and its A₂ (which the F statistic's scaling needs too).</summary>
    private (double Df, double A2) DenominatorDf(Matrix<double> l)
    {
        var (phi, p) = (fit.Phi, fit.P);
        var parameters = p.Length;
        double qd = l.RowCount;
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
        return (4 + (qd + 2) / (qd * rho - 1), a2);
    }
}
