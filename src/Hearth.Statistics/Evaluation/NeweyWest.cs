using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Evaluation;

/// <summary>
/// The Newey–West covariance of OLS coefficients, as R's <c>sandwich::NeweyWest(m, lag, prewhite = FALSE,
/// adjust = TRUE)</c>: with uₜ = xₜeₜ and Γⱼ = Σₜ uₜuₜ₊ⱼᵀ, the meat is Γ₀ + Σⱼ₌₁..L (1 − j/(L + 1)) (Γⱼ + Γⱼᵀ)
/// (Bartlett weights, which keep it positive semi-definite), and the covariance is
/// n/(n − k) × (XᵀX)⁻¹ meat (XᵀX)⁻¹. Rows must be in time order.
/// </summary>
internal static class NeweyWest
{
    public static Matrix<double> Covariance(Matrix<double> x, Vector<double> residuals, Matrix<double> xtxInverse, int lag)
    {
        var (n, k) = (x.RowCount, x.ColumnCount);
        var u = Matrix<double>.Build.Dense(n, k, (t, j) => x[t, j] * residuals[t]);
        var meat = u.TransposeThisAndMultiply(u);
        for (var j = 1; j <= lag && j < n; j++)
        {
            var gamma = u.SubMatrix(0, n - j, 0, k).TransposeThisAndMultiply(u.SubMatrix(j, n - j, 0, k));
            meat += (gamma + gamma.Transpose()) * (1 - j / (lag + 1.0));
        }
        return xtxInverse * meat * xtxInverse * (n / (double)(n - k));
    }
}
