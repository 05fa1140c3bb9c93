using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The random-intercept model (1 | subject): with θ = σ_b/σ and u = θ² the covariance of one subject's n
/// values is σ²(I + uJ), whose inverse is I − c·J with c = u/(1 + nu) and determinant 1 + nu. So each
/// pattern contributes its a·aᵀ (a = 1ᵀX) times c to A, and the one parameter u is found as the root of
/// the profiled criterion's derivative, which is written out — the optimum to machine precision rather
/// than to an optimiser's tolerance.
/// </summary>
internal sealed class RandomInterceptModel
{
    private readonly SubjectPatterns design;
    private readonly IReadOnlyList<SubjectPattern> patterns;
    // Per pattern, a·aᵀ summed over its subjects, and a·(Σy) summed: used at every evaluation.
    private readonly Matrix<double>[] patternAA;
    private readonly Vector<double>[] patternAY;

    public RandomInterceptModel(SubjectPatterns design)
    {
        this.design = design;
        patterns = design.Patterns;
        patternAA = [.. patterns.Select(p => p.Row.OuterProduct(p.Row) * p.Count)];
        patternAY = [.. patterns.Select(p => p.Row * p.SumY)];
    }

    public MixedModelResult Fit(DenominatorDf ddf)
    {
        var u = OptimalRatioSquared();
        var at = Evaluate(u);
        var sigma2 = at.Sigma2;
        IWaldTests wald = ddf switch
        {
            DenominatorDf.Satterthwaite => new SatterthwaiteTests(SatterthwaiteInputs(u, at, sigma2)),
            _ => new KenwardRogerTests(KenwardRogerInputs(u, at, sigma2)),
        };
        var tests = design.Hypotheses.Select(wald.FTest).ToList();
        return new MixedModelResult(tests, u * sigma2, sigma2, at.Criterion, design.N, [.. at.Beta]);
    }

    private SatterthwaiteInputs SatterthwaiteInputs(double u, ProfiledReml at, double sigma2)
    {
        var sigma = Math.Sqrt(sigma2);
        var theta = Math.Sqrt(u);
        // ∂cov(β)/∂θ = −σ² A⁻¹ (∂A/∂θ) A⁻¹ and ∂cov(β)/∂σ = 2σ A⁻¹.
        var dA = DerivativeOfA(u) * (2 * theta);
        var dCovTheta = -sigma2 * (at.AInverse * dA * at.AInverse);
        var dCovSigma = at.AInverse * (2 * sigma);
        var hessian = DevianceHessian.Of([theta], at, [2 * theta * Derivatives(u, at).Rss], t => [SlopeInTheta(t[0], sigma2)]);
        return new SatterthwaiteInputs(at.Beta, at.AInverse * sigma2, hessian, [dCovTheta, dCovSigma]);
    }

    private static double C(double u, int n) => u / (1 + n * u);
    private static double DC(double u, int n) => 1 / ((1 + n * u) * (1 + n * u));

    private ProfiledReml Evaluate(double u)
    {
        var a = design.XX.Clone();
        var xhy = design.XY.Clone();
        var yhy = design.YY;
        var logDetH = 0.0;
        for (var i = 0; i < patterns.Count; i++)
        {
            var p = patterns[i];
            var c = C(u, p.N);
            a -= patternAA[i] * c;
            xhy -= patternAY[i] * c;
            yhy -= p.SumY2 * c;
            logDetH += p.Count * Math.Log(1 + p.N * u);
        }
        return ProfiledReml.Solve(a, xhy, yhy, logDetH, design.N);
    }

    /// <summary>
    /// pbkrtest's parts for G_1 = ZZᵀ (the intercept variance) and G_2 = I (the residual variance).
    /// Within one subject's block of n values W = (I − cJ)/σ², and with k = 1/(1 + nu) = 1 − cn every
    /// power of (I − cJ) is I + (k^m − 1)/n · J, so each sum reduces to XᵀX and, per pattern, a·aᵀ times a
    /// function of n.
    /// </summary>
    private KenwardRogerInputs KenwardRogerInputs(double u, ProfiledReml at, double sigma2)
    {
        var s4 = sigma2 * sigma2;
        var s6 = s4 * sigma2;
        Matrix<double> Sum(Func<int, double> weight)
        {
            var m = Matrix<double>.Build.Dense(design.P, design.P);
            for (var i = 0; i < patterns.Count; i++)
            {
                m += patternAA[i] * weight(patterns[i].N);
            }
            return m;
        }
        double Scalar(Func<int, double> weight) => patterns.Sum(pattern => pattern.Count * weight(pattern.N));
        double K(int n) => 1 / (1 + n * u);

        var xx = design.XX;
        var p1 = -Sum(n => Math.Pow(K(n), 2)) / s4;
        var p2 = -(xx + Sum(n => (Math.Pow(K(n), 2) - 1) / n)) / s4;
        var q11 = Sum(n => Math.Pow(K(n), 3) * n) / s6;
        var q12 = Sum(n => Math.Pow(K(n), 3)) / s6;
        var q22 = (xx + Sum(n => (Math.Pow(K(n), 3) - 1) / n)) / s6;
        var k = Matrix<double>.Build.DenseOfArray(new[,]
        {
            { Scalar(n => Math.Pow(n * K(n), 2)) / s4, Scalar(n => n * Math.Pow(K(n), 2)) / s4 },
            { Scalar(n => n * Math.Pow(K(n), 2)) / s4, Scalar(n => n + Math.Pow(K(n), 2) - 1) / s4 },
        });
        return new KenwardRogerInputs(at.Beta, at.AInverse * sigma2, [p1, p2], new[,] { { q11, q12 }, { q12.Transpose(), q22 } }, k);
    }

    /// <summary>dA/du, where A(u) = XᵀH⁻¹X.</summary>
    private Matrix<double> DerivativeOfA(double u)
    {
        var d = Matrix<double>.Build.Dense(design.P, design.P);
        for (var i = 0; i < patterns.Count; i++)
        {
            d -= patternAA[i] * DC(u, patterns[i].N);
        }
        return d;
    }

    /// <summary>
    /// The parts of the REML deviance's derivative in u: d log|H|/du, d log|A|/du and dRSS/du (by the
    /// envelope theorem β̂ stays put, so only the explicit dependence on u counts).
    /// </summary>
    private (double LogDetH, double LogDetA, double Rss) Derivatives(double u, ProfiledReml at)
    {
        double dLogDetH = 0, dRss = 0;
        for (var i = 0; i < patterns.Count; i++)
        {
            var p = patterns[i];
            dLogDetH += p.Count * p.N / (1 + p.N * u);
            // Σ over the pattern's subjects of (Σy − aᵀβ)², times −dc/du.
            var fitted = p.Row * at.Beta;
            var squares = p.SumY2 - 2 * fitted * p.SumY + p.Count * fitted * fitted;
            dRss -= DC(u, p.N) * squares;
        }
        var dLogDetA = (at.AInverse * DerivativeOfA(u)).Trace();
        return (dLogDetH, dLogDetA, dRss);
    }

    /// <summary>The derivative in u of the profiled REML criterion.</summary>
    private double ProfiledSlope(double u)
    {
        var at = Evaluate(u);
        var (h, a, rss) = Derivatives(u, at);
        return at.ResidualDf * rss / at.Rss + h + a;
    }

    /// <summary>
    /// The u = θ² that minimises the profiled REML criterion: 0 when the criterion rises from there,
    /// otherwise the root of its slope, bracketed by doubling and found by Brent's method.
    /// </summary>
    private double OptimalRatioSquared()
    {
        if (ProfiledSlope(0) >= 0)
        {
            return 0;
        }
        var high = 1.0;
        while (ProfiledSlope(high) < 0)
        {
            high *= 4;
            if (high > 1e12)
            {
                throw new ArgumentException("the subjects' variance does not settle: nearly all variation is between subjects");
            }
        }
        return MathNet.Numerics.RootFinding.Brent.FindRoot(ProfiledSlope, 0, high, 1e-14 * high, 200);
    }

    /// <summary>∂D/∂θ of the unprofiled REML deviance D(θ, σ) at fixed σ (θ = √u).</summary>
    private double SlopeInTheta(double theta, double sigma2)
    {
        var u = theta * theta;
        var (h, a, rss) = Derivatives(u, Evaluate(u));
        return 2 * theta * (h + a + rss / sigma2);
    }
}
