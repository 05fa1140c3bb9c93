using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The Hussey &amp; Hughes model of a stepped-wedge cluster trial with repeated measures of the same
/// subjects, fitted as R's
/// <c>lmerTest::lmer(score ~ period + condition + (1 | cluster) + (1 | subject), REML = TRUE)</c> with
/// treatment contrasts and subjects nested in clusters.
/// <para>
/// Why this model: in a stepped wedge every cluster starts under control and switches at its step, so the
/// intervention is confounded with time unless the periods are in the model (the period effects); the
/// clusters' observations are correlated (the cluster intercept — ignoring it overstates the precision of
/// everything that differs between clusters); and the same people are measured again, so their
/// observations are correlated once more within the cluster (the subject intercept, which gives the
/// within-person comparisons their power). Nested intercepts give each cluster's covariance the
/// two-level compound-symmetry form σ²(I + θ_s²Z_sZ_sᵀ + θ_c²J).
/// </para>
/// <para>
/// How it matches lmerTest: the same REML criterion (<see cref="NestedCovariance"/>: Woodbury per cluster,
/// never an N × N matrix) minimised by Newton's method over (θ_s, θ_c) with exact gradients, to the
/// precision of the arithmetic (a cluster variance of zero included); the treatment effect's t test and
/// the type III F tests with Satterthwaite's df from the Hessian of the deviance in (θ_s, θ_c, σ), as
/// lmerTest, or with Kenward–Roger's as pbkrtest.
/// </para>
/// </summary>
public static class SteppedWedgeModel
{
    /// <exception cref="ArgumentException">The model cannot be estimated from the data (the message says why).</exception>
    public static SteppedWedgeResult Fit(WedgeData data, DenominatorDf ddf = DenominatorDf.Satterthwaite)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!Enum.IsDefined(ddf))
        {
            throw new ArgumentOutOfRangeException(nameof(ddf), ddf, "not a denominator df method");
        }
        var design = new WedgeDesign(data);
        var at = Optimum(design);
        var reml = at.Reml;
        var sigma2 = reml.Sigma2;
        IWaldTests wald = ddf == DenominatorDf.Satterthwaite
            ? new SatterthwaiteTests(SatterthwaiteInputs(design, at))
            : new KenwardRogerTests(WedgeKenwardRoger.Inputs(design, at));

        var condition = Vector<double>.Build.Dense(design.P, i => i == design.ConditionColumn ? 1 : 0);
        var effect = wald.Contrast(condition);
        var t = effect.Estimate / effect.StandardError;
        var half = Tails.TQuantile(0.975, effect.Df) * effect.StandardError;
        var periodTest = Matrix<double>.Build.Dense(design.Periods - 1, design.P, (i, j) => j == i + 1 ? 1 : 0);
        var conditionTest = condition.ToRowMatrix();
        var (thetaSubject, thetaCluster) = (at.Theta[0], at.Theta[1]);
        return new SteppedWedgeResult(
            new TreatmentEffect(effect.Estimate, effect.StandardError, effect.Df, t, Tails.TTwoSided(t, effect.Df), effect.Estimate - half, effect.Estimate + half),
            [wald.FTest(new Hypothesis("period", periodTest)), wald.FTest(new Hypothesis("condition", conditionTest))],
            new WedgeVariances(sigma2 * thetaCluster * thetaCluster, sigma2 * thetaSubject * thetaSubject, sigma2),
            reml.Criterion,
            new WedgeCounts(design.N, design.Subjects, design.Clusters, design.Periods),
            data.Periods,
            data.Control,
            data.Intervention,
            [.. FixedEffectNames(data).Zip(reml.Beta, (name, estimate) => new FixedEffect(name, estimate))],
            ddf,
            // lme4's isSingular: a relative SD on its lower bound, to a tolerance of 1e-4.
            thetaSubject < 1e-4 || thetaCluster < 1e-4);
    }

    private static IEnumerable<string> FixedEffectNames(WedgeData data) =>
        ["(Intercept)", .. data.Periods.Skip(1).Select(p => "period" + p), "condition" + data.Intervention];

    /// <summary>
    /// The REML optimum, by Newton's method from lme4's start θ = (1, 1). The criterion depends on each θ
    /// through θ² only, so the search needs no bounds and a cluster variance of zero is approached like any
    /// other stationary point; the θ are reported non-negative, as lme4 does.
    /// </summary>
    private static NestedCovariance Optimum(WedgeDesign design)
    {
        var minimum = NewtonMinimiser.Minimise([1, 1], theta => new NestedCovariance(design, theta[0], theta[1]),
            at => at.Reml.Criterion, ProfiledGradient);
        if (!(minimum.Decrement < 1e-8 * Math.Max(1, Math.Abs(minimum.Criterion))))
        {
            throw new ArgumentException($"the variance components did not converge (the REML criterion could still fall by about {minimum.Decrement / 2:G2})");
        }
        return new NestedCovariance(design, Math.Abs(minimum.Theta[0]), Math.Abs(minimum.Theta[1]));
    }

    /// <summary>
    /// The parts of the REML deviance's derivative in u = θ² for each variance parameter: d log|H|/du,
    /// d log|A|/du = tr(A⁻¹ dA/du) and dRSS/du = γᵀ(dX̃ᵀH⁻¹X̃/du)γ with γ = (−β̂, 1) — the residuals' quadratic
    /// form, β̂ held by the envelope theorem.
    /// </summary>
    private static (double LogDetH, double LogDetA, double Rss, Matrix<double> A)[] PartsInU(NestedCovariance at)
    {
        var reml = at.Reml;
        var p = reml.Beta.Count;
        var gamma = Vector<double>.Build.Dense(p + 1, i => i < p ? -reml.Beta[i] : 1);
        return [.. at.Derivatives().Select(d =>
        {
            var dA = d.Augmented.SubMatrix(0, p, 0, p);
            return (d.LogDetH, (reml.AInverse * dA).Trace(), gamma * d.Augmented * gamma, dA);
        })];
    }

    /// <summary>The gradient in θ of the profiled criterion (N − p) log RSS + log|H| + log|A| + constant (∂/∂θ = 2θ ∂/∂u).</summary>
    private static double[] ProfiledGradient(NestedCovariance at) =>
        [.. PartsInU(at).Select((part, i) => 2 * at.Theta[i] * (at.Reml.ResidualDf * part.Rss / at.Reml.Rss + part.LogDetH + part.LogDetA))];

    /// <summary>The gradient in θ of the REML deviance D(θ, σ) = log|H| + RSS/σ² + (N−p) log 2πσ² + log|A| at fixed σ².</summary>
    private static double[] DevianceGradient(NestedCovariance at, double sigma2) =>
        [.. PartsInU(at).Select((part, i) => 2 * at.Theta[i] * (part.LogDetH + part.LogDetA + part.Rss / sigma2))];

    /// <summary>
    /// lmerTest's inputs: cov(β̂) = σ²A⁻¹, the Hessian of D(θ_s, θ_c, σ) and ∂cov(β̂)/∂θ =
    /// −σ²A⁻¹(∂A/∂θ)A⁻¹, ∂cov(β̂)/∂σ = 2σA⁻¹.
    /// </summary>
    private static SatterthwaiteInputs SatterthwaiteInputs(WedgeDesign design, NestedCovariance at)
    {
        var reml = at.Reml;
        var sigma2 = reml.Sigma2;
        var parts = PartsInU(at);
        var hessian = DevianceHessian.Of(at.Theta, reml, [.. parts.Select((part, i) => 2 * at.Theta[i] * part.Rss)],
            theta => DevianceGradient(new NestedCovariance(design, theta[0], theta[1]), sigma2));
        var jacobian = parts.Select((part, i) => -sigma2 * 2 * at.Theta[i] * (reml.AInverse * part.A * reml.AInverse)).ToList();
        jacobian.Add(reml.AInverse * (2 * Math.Sqrt(sigma2)));
        return new SatterthwaiteInputs(reml.Beta, reml.AInverse * sigma2, hessian, jacobian);
    }
}
