using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The REML problem at fixed relative covariance parameters, with V = σ²H: β̂ = A⁻¹XᵀH⁻¹y for
/// A = XᵀH⁻¹X, the generalised residual sum of squares RSS = yᵀH⁻¹y − β̂ᵀXᵀH⁻¹y, log|A| and log|H|.
/// With σ² profiled out as RSS/(N − p) the REML criterion is (N − p)(1 + log 2π·RSS/(N − p)) + log|H| +
/// log|A|, lme4's "REML criterion at convergence" at the optimum. Every model builds A, XᵀH⁻¹y, yᵀH⁻¹y
/// and log|H| from its own sums and finishes here.
/// </summary>
internal sealed record ProfiledReml(Vector<double> Beta, double Rss, Matrix<double> AInverse, double LogDetA, double LogDetH, int Observations)
{
    public static ProfiledReml Solve(Matrix<double> a, Vector<double> xhy, double yhy, double logDetH, int observations)
    {
        var cholesky = a.Cholesky();
        var beta = cholesky.Solve(xhy);
        var rss = yhy - beta * xhy;
        var inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(a.RowCount));
        return new ProfiledReml(beta, rss, inverse, cholesky.DeterminantLn, logDetH, observations);
    }

    /// <summary>N − p: the observations less the fixed effects.</summary>
    public int ResidualDf => Observations - Beta.Count;

    public double Criterion => ResidualDf * (1 + Math.Log(2 * Math.PI * Rss / ResidualDf)) + LogDetH + LogDetA;

    /// <summary>σ̂² = RSS/(N − p), REML's estimate of the residual variance.</summary>
    public double Sigma2 => Rss / ResidualDf;
}
