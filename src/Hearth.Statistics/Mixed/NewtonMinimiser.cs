using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// Minimises a profiled REML criterion over the relative covariance parameters θ by Newton's method: the
/// Hessian by central differences of the exact gradient, its eigenvalues made positive where the criterion
/// is not convex, and a backtracking line search, until the Newton decrement — the criterion's predicted
/// further fall, doubled — is below 1e-13; then polished on the gradient alone. The models' criteria are
/// even in θ (in each θ, or in a column of lme4's Λ), so no bounds are needed: a variance at zero is a
/// stationary point like any other, approached quadratically, and the caller puts the signs right.
/// </summary>
internal static class NewtonMinimiser
{
    /// <summary>The minimum found, the evaluation there and the last Newton decrement (a measure of how far off it may be).</summary>
    public sealed record Minimum<T>(double[] Theta, T At, double Criterion, double Decrement);

    public static Minimum<T> Minimise<T>(double[] start, Func<double[], T> evaluate, Func<T, double> criterionOf, Func<T, double[]> gradientOf)
    {
        var theta = start;
        var at = evaluate(theta);
        var criterion = criterionOf(at);
        var decrement = double.PositiveInfinity;
        Matrix<double> Hessian(double[] point) => CentralHessian(point, p => gradientOf(evaluate(p)));
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var gradient = gradientOf(at);
            var direction = NewtonDirection(Hessian(theta), gradient);
            decrement = -Dot(gradient, direction);
            if (decrement < 1e-13)
            {
                break;
            }
            var moved = false;
            for (var step = 1.0; step > 1e-12; step /= 2)
            {
                double[] trial = [.. theta.Select((t, i) => t + step * direction[i])];
                var trialAt = evaluate(trial);
                var trialCriterion = criterionOf(trialAt);
                if (trialCriterion <= criterion - 1e-4 * step * decrement)
                {
                    (theta, at, criterion, moved) = (trial, trialAt, trialCriterion, true);
                    break;
                }
            }
            if (!moved)
            {
                break; // no step lowers the criterion any more in floating point
            }
        }
        // Polish: this close the criterion is flat to rounding and the line search can no longer judge a
        // step, but the exact gradient still can, and θ (so β̂ and the F tests) is only as good as its zero.
        // Full Newton steps, then, as long as they shrink the gradient.
        var gradientSize = gradientOf(at).Max(Math.Abs);
        for (var polish = 0; polish < 10 && gradientSize > 0; polish++)
        {
            var direction = NewtonDirection(Hessian(theta), gradientOf(at));
            double[] trial = [.. theta.Select((t, i) => t + direction[i])];
            var trialAt = evaluate(trial);
            var trialSize = gradientOf(trialAt).Max(Math.Abs);
            if (!(trialSize < gradientSize) || criterionOf(trialAt) > criterion + 1e-10)
            {
                break;
            }
            (theta, at, gradientSize) = (trial, trialAt, trialSize);
        }
        return new Minimum<T>(theta, at, criterionOf(at), decrement);
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    /// <summary>A Hessian from central differences of an exact gradient, symmetrised.</summary>
    private static Matrix<double> CentralHessian(double[] theta, Func<double[], double[]> gradient)
    {
        var k = theta.Length;
        var h = Matrix<double>.Build.Dense(k, k);
        for (var l = 0; l < k; l++)
        {
            var step = 1e-5 * Math.Max(1, Math.Abs(theta[l]));
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[l] += step;
            down[l] -= step;
            var gUp = gradient(up);
            var gDown = gradient(down);
            for (var i = 0; i < k; i++)
            {
                h[i, l] = (gUp[i] - gDown[i]) / (2 * step);
            }
        }
        return (h + h.Transpose()) / 2;
    }

    /// <summary>−H⁻¹g with H's eigenvalues replaced by their absolute values (floored), so the step goes downhill even off a saddle.</summary>
    private static double[] NewtonDirection(Matrix<double> hessian, double[] gradient)
    {
        var eigen = hessian.Evd(Symmetricity.Symmetric);
        var largest = eigen.EigenValues.Max(e => Math.Abs(e.Real));
        var floor = Math.Max(largest * 1e-10, 1e-300);
        var g = Vector<double>.Build.DenseOfArray(gradient);
        var direction = Vector<double>.Build.Dense(gradient.Length);
        for (var i = 0; i < gradient.Length; i++)
        {
            var v = eigen.EigenVectors.Column(i);
            direction -= v * ((v * g) / Math.Max(Math.Abs(eigen.EigenValues[i].Real), floor));
        }
        return [.. direction];
    }
}
