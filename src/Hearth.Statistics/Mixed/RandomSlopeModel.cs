using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The random intercept and slope model (1 + time | subject), time the wave's position 0, 1, 2, …:
/// per subject (b₀, b₁) ~ N(0, σ²ΛΛᵀ) with lme4's Λ = [[θ₁, 0], [θ₂, θ₃]], so with Z = [1, t] the
/// covariance of a subject's values is σ²H, H = I + ZDZᵀ, D = ΛΛᵀ. Z is the pattern's, so everything
/// reduces to 2 × 2 algebra per pattern (G = ZᵀZ):
/// <list type="bullet">
/// <item>H⁻¹ = I − ZKZᵀ with K = (I + DG)⁻¹D (Woodbury), |H| = |I + DG| (Sylvester), ZᵀH⁻¹ = FZᵀ with
/// F = (I + GD)⁻¹, so A = XᵀX − Σ RᵀKR over subjects (R = ZᵀX) and likewise Xᵀ H⁻¹y and yᵀH⁻¹y;</item>
/// <item>each part of the REML criterion has a derivative tr(Γ·dD) with a 2 × 2 Γ written out per
/// pattern, and dD = dΛΛᵀ + ΛdΛᵀ gives the gradient in θ exactly;</item>
/// <item>the criterion is even in θ₃ and in (θ₁, θ₂) together (flipping a column of Λ leaves D as it
/// is), so it is minimised over all of ℝ³ by Newton's method, with no bounds, and the signs are put
/// right afterwards: lme4's constrained optimum, a variance at zero included, to the precision of the
/// exact gradient rather than an optimiser's tolerance.</item>
/// </list>
/// </summary>
internal sealed class RandomSlopeModel
{
    private readonly SubjectPatterns design;
    private readonly IReadOnlyList<SubjectPattern> patterns;
    // Per pattern, count·r_a·r_bᵀ for the rows r₀ = 1ᵀX and r₁ = tᵀX of R (column-major p × p): any
    // Σ RᵀWR is four scaled additions of these per pattern.
    private readonly double[][] rowRow;
    private readonly double[][] rowTime;
    private readonly double[][] timeRow;
    private readonly double[][] timeTime;

    private RandomSlopeModel(SubjectPatterns design)
    {
        this.design = design;
        patterns = design.Patterns;
        double[] Outer(Vector<double> a, Vector<double> b, int count)
        {
            var m = new double[design.P * design.P];
            Accumulate.Outer(m, count, a.ToArray(), b.ToArray());
            return m;
        }
        rowRow = [.. patterns.Select(p => Outer(p.Row, p.Row, p.Count))];
        rowTime = [.. patterns.Select(p => Outer(p.Row, p.TimeRow, p.Count))];
        timeRow = [.. patterns.Select(p => Outer(p.TimeRow, p.Row, p.Count))];
        timeTime = [.. patterns.Select(p => Outer(p.TimeRow, p.TimeRow, p.Count))];
    }

    /// <summary>
    /// The model for the data, refused where lme4 refuses it: time needs exactly one within-subjects factor
    /// to be the wave, and with as many random effects (two per subject) as values — always so with two
    /// waves — the two variances, their covariance and the residual variance cannot be told apart.
    /// </summary>
    public static RandomSlopeModel For(LongData data)
    {
        if (data.Within.Count != 1)
        {
            throw new ArgumentException($"a random slope on the wave needs exactly one within-subjects factor, the wave; this design has {data.Within.Count} ({string.Join(", ", data.Within.Select(f => f.Name))})");
        }
        var wave = data.Within[0];
        if (wave.Levels.Count < 3)
        {
            throw new ArgumentException($"a random slope on {wave.Name} needs at least 3 waves: with {wave.Levels.Count} every subject has at most as many values as random effects (an intercept and a slope), so the intercept and slope variances and the residual variance cannot all be estimated (lme4 refuses such a model too)");
        }
        var design = new SubjectPatterns(data);
        if (design.N <= 2 * design.Subjects)
        {
            throw new ArgumentException($"{design.N} values from {design.Subjects} subjects are too few for a random intercept and slope per subject: there must be more values than the {2 * design.Subjects} random effects, or the variances and the residual variance cannot be told apart (lme4 refuses such a model too)");
        }
        return new RandomSlopeModel(design);
    }

    public MixedModelResult Fit(DenominatorDf ddf)
    {
        var theta = OptimalTheta();
        var at = Evaluate(theta);
        var sigma2 = at.Reml.Sigma2;
        IWaldTests wald = ddf switch
        {
            DenominatorDf.Satterthwaite => new SatterthwaiteTests(SatterthwaiteInputs(theta, at, sigma2)),
            _ => new KenwardRogerTests(KenwardRogerInputs(at, sigma2)),
        };
        var tests = design.Hypotheses.Select(wald.FTest).ToList();
        var interceptVariance = sigma2 * theta[0] * theta[0];
        var slopeVariance = sigma2 * (theta[1] * theta[1] + theta[2] * theta[2]);
        var covariance = sigma2 * theta[0] * theta[1];
        // Undefined, as in lme4, when either variance is zero.
        var correlation = interceptVariance > 0 && slopeVariance > 0 ? covariance / Math.Sqrt(interceptVariance * slopeVariance) : double.NaN;
        return new MixedModelResult(tests, interceptVariance, sigma2, at.Reml.Criterion, design.N, [.. at.Reml.Beta], slopeVariance, correlation);
    }

    /// <summary>The REML problem at one θ, with the per-pattern F = (I + GD)⁻¹ and K = (I + DG)⁻¹D the derivatives reuse.</summary>
    private sealed record Evaluation(Matrix2 Lambda, Matrix2[] F, Matrix2[] K, ProfiledReml Reml);

    private static Matrix2 LambdaOf(IReadOnlyList<double> theta) => new(theta[0], 0, theta[1], theta[2]);

    private Evaluation Evaluate(IReadOnlyList<double> theta)
    {
        var lambda = LambdaOf(theta);
        var d = lambda * lambda.Transpose;
        var f = new Matrix2[patterns.Count];
        var k = new Matrix2[patterns.Count];
        var xhy = design.XY.Clone();
        var yhy = design.YY;
        var logDetH = 0.0;
        for (var j = 0; j < patterns.Count; j++)
        {
            var pattern = patterns[j];
            var g = pattern.TimeGram;
            var m = Matrix2.Identity + d * g;
            var mInverse = m.Inverse;
            k[j] = (mInverse * d).Symmetrised;
            f[j] = mInverse.Transpose; // (I + GD)⁻¹ = ((I + DG)ᵀ)⁻¹
            logDetH += pattern.Count * Math.Log(m.Determinant);
            var (sumY, sumTimeY) = pattern.ResponseSum;
            var kj = k[j];
            xhy -= pattern.Row * (kj.M00 * sumY + kj.M01 * sumTimeY) + pattern.TimeRow * (kj.M10 * sumY + kj.M11 * sumTimeY);
            yhy -= (kj * pattern.ResponseGram).Trace;
        }
        var a = design.XX - Sandwich(j => k[j]);
        return new Evaluation(lambda, f, k, ProfiledReml.Solve(a, xhy, yhy, logDetH, design.N));
    }

    /// <summary>Σ over patterns and their subjects of RᵀWR (R = ZᵀX, 2 × p) for a 2 × 2 weight W per pattern.</summary>
    private Matrix<double> Sandwich(Func<int, Matrix2> weight)
    {
        var sum = new double[design.P * design.P];
        for (var j = 0; j < patterns.Count; j++)
        {
            var w = weight(j);
            Accumulate.Scaled(sum, w.M00, rowRow[j]);
            Accumulate.Scaled(sum, w.M01, rowTime[j]);
            Accumulate.Scaled(sum, w.M10, timeRow[j]);
            Accumulate.Scaled(sum, w.M11, timeTime[j]);
        }
        return Matrix<double>.Build.Dense(design.P, design.P, sum);
    }

    /// <summary>
    /// The derivatives in D of log|H|, log|A| and RSS, each as the symmetric Γ with d(part) = tr(Γ·dD):
    /// log|H| gives ZᵀH⁻¹Z = G − GKG per subject; log|A|, −(ZᵀH⁻¹X)A⁻¹(ZᵀH⁻¹X)ᵀ; RSS (β̂ held, by the
    /// envelope theorem), −(ZᵀH⁻¹e)(ZᵀH⁻¹e)ᵀ for the residuals e = y − Xβ̂, all summed over subjects.
    /// </summary>
    private (Matrix2 LogDetH, Matrix2 LogDetA, Matrix2 Rss) GradientsInD(Evaluation at)
    {
        var reml = at.Reml;
        Matrix2 logDetH = default, logDetA = default, rss = default;
        for (var j = 0; j < patterns.Count; j++)
        {
            var pattern = patterns[j];
            var (g, f, k, c) = (pattern.TimeGram, at.F[j], at.K[j], pattern.Count);
            logDetH += c * (g - g * k * g).Symmetrised;
            var aInverseRow = reml.AInverse * pattern.Row;
            var aInverseTimeRow = reml.AInverse * pattern.TimeRow;
            var rAr = Matrix2.Symmetric(pattern.Row * aInverseRow, pattern.Row * aInverseTimeRow, pattern.TimeRow * aInverseTimeRow);
            logDetA -= c * (f * rAr * f.Transpose).Symmetrised;
            // Σ over the pattern's subjects of (Zᵀe)(Zᵀe)ᵀ, with Zᵀe = Zᵀy − Rβ̂.
            var fitted = (Y: pattern.Row * reml.Beta, TimeY: pattern.TimeRow * reml.Beta);
            var (sumY, sumTimeY) = pattern.ResponseSum;
            var cross = new Matrix2(sumY * fitted.Y, sumY * fitted.TimeY, sumTimeY * fitted.Y, sumTimeY * fitted.TimeY);
            var residuals = pattern.ResponseGram - cross - cross.Transpose + c * Matrix2.Symmetric(fitted.Y * fitted.Y, fitted.Y * fitted.TimeY, fitted.TimeY * fitted.TimeY);
            rss -= (f * residuals * f.Transpose).Symmetrised;
        }
        return (logDetH, logDetA, rss);
    }

    /// <summary>
    /// A derivative tr(Γ·dD) in the three θ: dD = dΛΛᵀ + ΛdΛᵀ, so ∂/∂θ is 2(ΓΛ) at Λ's entry for that θ
    /// ((0,0), (1,0), (1,1)).
    /// </summary>
    private static double[] InTheta(Matrix2 gamma, Matrix2 lambda)
    {
        var gl = gamma * lambda;
        return [2 * gl.M00, 2 * gl.M10, 2 * gl.M11];
    }

    /// <summary>The three ∂D/∂θ_k = E_kΛᵀ + ΛE_kᵀ, E_k the unit matrix at θ_k's entry of Λ.</summary>
    private static Matrix2[] DerivativesOfD(Matrix2 lambda) =>
        [.. new[] { Matrix2.Unit(0, 0), Matrix2.Unit(1, 0), Matrix2.Unit(1, 1) }.Select(e => e * lambda.Transpose + lambda * e.Transpose)];

    /// <summary>The gradient in θ of the profiled REML criterion (N − p) log RSS + log|H| + log|A| + constant.</summary>
    private double[] ProfiledGradient(Evaluation at)
    {
        var (logDetH, logDetA, rss) = GradientsInD(at);
        var n = design.N - design.P;
        return InTheta(logDetH + logDetA + n / at.Reml.Rss * rss, at.Lambda);
    }

    /// <summary>The gradient in θ of the REML deviance D(θ, σ) = log|H| + RSS/σ² + (N−p) log 2πσ² + log|A| at fixed σ².</summary>
    private double[] DevianceGradient(IReadOnlyList<double> theta, double sigma2)
    {
        var at = Evaluate(theta);
        var (logDetH, logDetA, rss) = GradientsInD(at);
        return InTheta(logDetH + logDetA + 1 / sigma2 * rss, at.Lambda);
    }

    /// <summary>
    /// The θ minimising the profiled REML criterion, by Newton's method from lme4's start (1, 0, 1) over all
    /// of ℝ³, then with θ₁, θ₃ ≥ 0 as lme4 reports it (the same D).
    /// </summary>
    private double[] OptimalTheta()
    {
        var minimum = NewtonMinimiser.Minimise([1, 0, 1], Evaluate, at => at.Reml.Criterion, ProfiledGradient);
        if (!(minimum.Decrement < 1e-8))
        {
            throw new ArgumentException($"the random intercept and slope did not converge (the REML criterion could still fall by about {minimum.Decrement / 2:G2}); the data may not support a random slope");
        }
        var theta = minimum.Theta;
        if (theta[2] < 0)
        {
            theta[2] = -theta[2];
        }
        if (theta[0] < 0)
        {
            theta[0] = -theta[0];
            theta[1] = -theta[1];
        }
        return theta;
    }

    /// <summary>
    /// lmerTest's inputs: cov(β̂) = σ²A⁻¹; the Hessian of D(θ, σ) (<see cref="DevianceHessian"/>); and
    /// ∂cov(β̂)/∂θ_k = −σ²A⁻¹(∂A/∂θ_k)A⁻¹ with ∂A/∂θ_k = −Σ RᵀFᵀ(∂D/∂θ_k)FR, ∂cov(β̂)/∂σ = 2σA⁻¹.
    /// </summary>
    private SatterthwaiteInputs SatterthwaiteInputs(double[] theta, Evaluation at, double sigma2)
    {
        var sigma = Math.Sqrt(sigma2);
        var reml = at.Reml;
        var hessian = DevianceHessian.Of(theta, reml, InTheta(GradientsInD(at).Rss, at.Lambda), t => DevianceGradient(t, sigma2));
        var jacobian = new List<Matrix<double>>();
        foreach (var dD in DerivativesOfD(at.Lambda))
        {
            var dA = -Sandwich(j => at.F[j].Transpose * dD * at.F[j]);
            jacobian.Add(-sigma2 * (reml.AInverse * dA * reml.AInverse));
        }
        jacobian.Add(reml.AInverse * (2 * sigma));
        return new SatterthwaiteInputs(reml.Beta, reml.AInverse * sigma2, hessian, jacobian);
    }

    /// <summary>
    /// pbkrtest's parts for the covariance parameters it differentiates in — σ²_intercept, σ_intercept,slope,
    /// σ²_slope and σ²_residual — whose G_r are Z·E_r·Zᵀ per subject (E_r = e₀e₀ᵀ, e₀e₁ᵀ + e₁e₀ᵀ, e₁e₁ᵀ) and
    /// I. With W = H⁻¹/σ², ZᵀH⁻¹Z = G̃ = G − GKG, ZᵀH⁻¹ = FZᵀ and H⁻ᵐ = I − ZK_mZᵀ (K₁ = K,
    /// K_{m+1} = K + K_m − K_mGK), every P, Q and K of <see cref="KenwardRogerInputs"/> is XᵀX and a sum
    /// of RᵀWR with a 2 × 2 W per pattern, or a sum of 2 × 2 traces.
    /// </summary>
    private KenwardRogerInputs KenwardRogerInputs(Evaluation at, double sigma2)
    {
        var s4 = sigma2 * sigma2;
        var s6 = s4 * sigma2;
        Matrix2[] units = [Matrix2.Unit(0, 0), Matrix2.Unit(0, 1) + Matrix2.Unit(1, 0), Matrix2.Unit(1, 1)];
        var count = patterns.Count;
        var gTilde = new Matrix2[count];
        var k2 = new Matrix2[count];
        var k3 = new Matrix2[count];
        for (var j = 0; j < count; j++)
        {
            var (g, k) = (patterns[j].TimeGram, at.K[j]);
            gTilde[j] = (g - g * k * g).Symmetrised;
            k2[j] = (2 * k - k * g * k).Symmetrised;
            k3[j] = (k + k2[j] - k2[j] * g * k).Symmetrised;
        }
        var xx = design.XX;
        const int parameters = 4;
        const int residual = 3;
        var p = new Matrix<double>[parameters];
        var q = new Matrix<double>[parameters, parameters];
        var traces = Matrix<double>.Build.Dense(parameters, parameters);
        double Traces(Func<int, double> trace) => Enumerable.Range(0, count).Sum(j => patterns[j].Count * trace(j));
        for (var r = 0; r < residual; r++)
        {
            var er = units[r];
            p[r] = -Sandwich(j => at.F[j].Transpose * er * at.F[j]) / s4;
            for (var s = r; s < residual; s++)
            {
                var es = units[s];
                q[r, s] = Sandwich(j => at.F[j].Transpose * er * gTilde[j] * es * at.F[j]) / s6;
                q[s, r] = q[r, s].Transpose();
                traces[r, s] = traces[s, r] = Traces(j => (er * gTilde[j] * es * gTilde[j]).Trace) / s4;
            }
            q[r, residual] = Sandwich(j => at.F[j].Transpose * er * at.F[j] * at.F[j]) / s6;
            q[residual, r] = q[r, residual].Transpose();
            traces[r, residual] = traces[residual, r] = Traces(j => (er * at.F[j] * gTilde[j]).Trace) / s4;
        }
        p[residual] = -(xx - Sandwich(j => k2[j])) / s4;
        q[residual, residual] = (xx - Sandwich(j => k3[j])) / s6;
        traces[residual, residual] = Traces(j => patterns[j].N - (k2[j] * patterns[j].TimeGram).Trace) / s4;
        return new KenwardRogerInputs(at.Reml.Beta, at.Reml.AInverse * sigma2, p, q, traces);
    }
}
