using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The Hessian of the REML deviance D(θ, σ) = log|H| + RSS/σ² + (N − p) log 2πσ² + log|A| in (θ₁, …, θ_k, σ),
/// the parameters lmerTest differentiates in for Satterthwaite's df: ∂²/∂σ² and ∂²/∂θ∂σ written out,
/// ∂²/∂θ² by Richardson-extrapolated central differences of the model's exact gradient in θ at fixed σ.
/// The deviance depends on each θ through θ² only (as lme4's does on a diagonal θ), so the differences may
/// step below zero and are central even on the boundary θ = 0.
/// </summary>
internal static class DevianceHessian
{
    /// <param name="theta">The relative covariance parameters at the optimum.</param>
    /// <param name="at">The REML problem there.</param>
    /// <param name="rssGradient">∂RSS/∂θ there, β̂ held (by the envelope theorem its change does not count).</param>
    /// <param name="gradientAtFixedSigma">∂D/∂θ at any θ, with σ² held at <paramref name="at"/>'s estimate.</param>
    public static Matrix<double> Of(double[] theta, ProfiledReml at, double[] rssGradient, Func<double[], double[]> gradientAtFixedSigma)
    {
        var k = theta.Length;
        var sigma2 = at.Sigma2;
        var sigma = Math.Sqrt(sigma2);
        var hessian = Matrix<double>.Build.Dense(k + 1, k + 1);
        for (var l = 0; l < k; l++)
        {
            var column = l;
            double[] Difference(double step)
            {
                var up = (double[])theta.Clone();
                var down = (double[])theta.Clone();
                up[column] += step;
                down[column] -= step;
                var gUp = gradientAtFixedSigma(up);
                var gDown = gradientAtFixedSigma(down);
                return [.. gUp.Select((g, i) => (g - gDown[i]) / (2 * step))];
            }
            var second = Richardson.Extrapolate(Difference, Math.Max(1e-4, Math.Abs(theta[l]) * 1e-3));
            for (var i = 0; i < k; i++)
            {
                hessian[i, l] = second[i];
            }
        }
        var thetaTheta = hessian.SubMatrix(0, k, 0, k);
        hessian.SetSubMatrix(0, 0, (thetaTheta + thetaTheta.Transpose()) / 2);
        for (var i = 0; i < k; i++)
        {
            hessian[i, k] = hessian[k, i] = -2 * rssGradient[i] / (sigma2 * sigma);
        }
        hessian[k, k] = 6 * at.Rss / (sigma2 * sigma2) - 2.0 * at.ResidualDf / sigma2;
        return hessian;
    }
}
