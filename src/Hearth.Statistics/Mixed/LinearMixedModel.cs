using BigInteger = System.Numerics.BigInteger;
using Hearth.Statistics.Anova;
using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The linear mixed model for repeated measures with missing waves, as R's
/// <c>lmerTest::lmer(dv ~ between * within + (1 | subject))</c> fits it with sum-to-zero contrasts:
/// <list type="bullet">
/// <item>y = Xβ + Zb + ε, b ~ N(0, σ_b² I), ε ~ N(0, σ² I); with θ = σ_b/σ the covariance of one
/// subject's n values is σ²(I + θ²J), whose inverse is I − θ²/(1 + nθ²) J and determinant 1 + nθ²;</item>
/// <item>REML: β and σ² profiled out, the criterion (N−p)(1 + log 2π·RSS/(N−p)) + log|H| + log|XᵀH⁻¹X|
/// is minimised over θ ≥ 0 by finding the root of its derivative (written out, so the optimum is found
/// to machine precision rather than to an optimiser's tolerance);</item>
/// <item>type III F tests of each term's coefficients, with Satterthwaite's denominator df computed as
/// lmerTest does: the covariance of (θ, σ) from the Hessian of the REML deviance, the gradient of
/// L·cov(β)·Lᵀ, and for a multi-df term the eigen-decomposition of L·cov(β)·Lᵀ.</item>
/// </list>
/// Everything is accumulated per pattern of observed waves (subjects with the same between cell and
/// the same waves present share one X-block), so a fit costs a pass over the data plus a few hundred
/// evaluations of a p × p problem.
/// </summary>
public static class LinearMixedModel
{
    public static MixedModelResult Fit(LongData data, DenominatorDf ddf = DenominatorDf.Satterthwaite)
    {
        var model = new Model(data);
        var u = model.OptimalRatioSquared();
        var at = model.Evaluate(u);
        var sigma2 = at.Rss / (model.N - model.P);
        var tests = ddf switch
        {
            DenominatorDf.Satterthwaite => Satterthwaite(model, u, at, sigma2),
            _ => KenwardRoger(model, u, at, sigma2),
        };
        return new MixedModelResult(tests, u * sigma2, sigma2, at.Criterion(model), model.N, [.. at.Beta]);
    }

    private static List<MixedEffectTest> Satterthwaite(Model model, double u, Evaluation at, double sigma2)
    {
        var sigma = Math.Sqrt(sigma2);
        var theta = Math.Sqrt(u);
        var covBeta = at.AInverse * sigma2;
        // Covariance of the variance parameters (θ, σ): twice the inverse Hessian of the REML deviance.
        var hessian = model.DevianceHessian(theta, sigma);
        var covPar = hessian.Inverse() * 2;
        // ∂cov(β)/∂θ = −σ² A⁻¹ (∂A/∂θ) A⁻¹ and ∂cov(β)/∂σ = 2σ A⁻¹.
        var dA = model.DerivativeOfA(u) * (2 * theta);
        var dCovTheta = -sigma2 * (at.AInverse * dA * at.AInverse);
        var dCovSigma = at.AInverse * (2 * sigma);

        var tests = new List<MixedEffectTest>();
        var column = 1; // after the intercept
        for (var t = 1; t < model.Terms.Count; t++)
        {
            var q = model.TermColumns[t];
            var l = Matrix<double>.Build.Dense(q, model.P);
            l.SetSubMatrix(0, column, TreatmentHypothesis(model.Terms[t], model.Factors));
            column += q;
            var vl = l * covBeta * l.Transpose();
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
                var estimate = contrast * at.Beta;
                t2 += estimate * estimate / d;
                var gradient = Vector<double>.Build.DenseOfArray([contrast * dCovTheta * contrast, contrast * dCovSigma * contrast]);
                nus.Add(2 * d * d / (gradient * covPar * gradient));
            }
            var rank = nus.Count;
            var f = t2 / rank;
            var df = CombinedDf(nus);
            tests.Add(new MixedEffectTest(Terms.Name(model.Terms[t], model.Factors), rank, df, f, Tails.FUpper(f, rank, df)));
        }
        return tests;
    }

    /// <summary>
    /// Kenward–Roger as pbkrtest computes it (vcovAdj and .KR_adjust), for the two variance parameters
    /// (σ_b², σ²) whose derivatives of the covariance are ZZᵀ and I: the bias-adjusted covariance Φ_A of β̂,
    /// then per term the scaled Wald F and its denominator df. Every N × N product collapses, per subject,
    /// to sums over the patterns of observed waves (see <see cref="Model.KenwardRogerParts"/>).
    /// </summary>
    private static List<MixedEffectTest> KenwardRoger(Model model, double u, Evaluation at, double sigma2)
    {
        var phi = at.AInverse * sigma2;
        var (p, q, k) = model.KenwardRogerParts(u, sigma2);
        var ie = Matrix<double>.Build.Dense(2, 2);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                ie[i, j] = k[i, j] - 2 * phi.PointwiseMultiply(q[i, j]).Enumerate().Sum() + (phi * p[i]).PointwiseMultiply(p[j] * phi).Enumerate().Sum();
            }
        }
        var w = ie.Inverse() * 2;
        var uu = Matrix<double>.Build.Dense(model.P, model.P);
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                uu += (q[i, j] - p[i] * phi * p[j]) * w[i, j];
            }
        }
        var phiA = phi + phi * uu * phi * 2;

        var tests = new List<MixedEffectTest>();
        var column = 1;
        for (var t = 1; t < model.Terms.Count; t++)
        {
            var rank = model.TermColumns[t];
            var l = Matrix<double>.Build.Dense(rank, model.P);
            l.SetSubMatrix(0, column, TreatmentHypothesis(model.Terms[t], model.Factors));
            column += rank;
            var theta = l.Transpose() * (l * phi * l.Transpose()).Inverse() * l;
            double a1 = 0, a2 = 0;
            for (var i = 0; i < 2; i++)
            {
                var ui = theta * phi * p[i] * phi;
                for (var j = 0; j < 2; j++)
                {
                    var uj = theta * phi * p[j] * phi;
                    a1 += w[i, j] * ui.Trace() * uj.Trace();
                    a2 += w[i, j] * (ui * uj).Trace();
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
            var lb = l * at.Beta;
            var wald = lb * (l * phiA * l.Transpose()).Inverse() * lb;
            var f = scaling * wald / qd;
            tests.Add(new MixedEffectTest(Terms.Name(model.Terms[t], model.Factors), rank, df, f, Tails.FUpper(f, rank, df)));
        }
        return tests;
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

    /// <summary>The REML problem at one ratio u = θ²: β̂, the residual sum of squares, A = XᵀH⁻¹X and its inverse and log-determinant.</summary>
    private sealed record Evaluation(double U, Vector<double> Beta, double Rss, Matrix<double> AInverse, double LogDetA, double LogDetH)
    {
        public double Criterion(Model model) =>
            (model.N - model.P) * (1 + Math.Log(2 * Math.PI * Rss / (model.N - model.P))) + LogDetH + LogDetA;
    }

    /// <summary>Subjects that share a between cell and a set of observed waves: one block of X, summed.</summary>
    private sealed class Pattern(Vector<double> a, int n)
    {
        public Vector<double> A { get; } = a;          // Σ of the block's rows of X
        public int N { get; } = n;                     // values per subject
        public int Count { get; set; }                 // subjects
        public double SumY { get; set; }               // Σ over subjects of (Σ y)
        public double SumY2 { get; set; }              // Σ over subjects of (Σ y)²
        public Vector<double> SumAY => A * SumY;
    }

    private sealed class Model
    {
        public Model(LongData data)
        {
            Factors = [.. data.Between, .. data.Within];
            Terms = Anova.Terms.FullFactorial(Factors.Count, withIntercept: true);
            var codings = Terms.Select(t => Contrasts.TermCoding(t, Factors)).ToList();
            TermColumns = [.. codings.Select(c => c.ColumnCount)];
            P = TermColumns.Sum();
            var cells = data.BetweenCells * data.WithinCells;
            // The row of X for every cell (between cells slowest): the terms' codings side by side.
            CellRows = new Vector<double>[cells];
            for (var c = 0; c < cells; c++)
            {
                var row = Vector<double>.Build.Dense(P);
                var k = 0;
                foreach (var coding in codings)
                {
                    for (var j = 0; j < coding.ColumnCount; j++)
                    {
                        row[k++] = coding[c, j];
                    }
                }
                CellRows[c] = row;
            }

            var w = data.WithinCells;
            var cellCount = new double[cells];
            var cellSum = new double[cells];
            var yy = 0.0;
            var patterns = new Dictionary<(int Cell, BigInteger Mask), Pattern>();
            for (var s = 0; s < data.SubjectCount; s++)
            {
                var g = data.BetweenCell[s];
                var mask = BigInteger.Zero;
                var n = 0;
                var sum = 0.0;
                for (var k = 0; k < w; k++)
                {
                    var y = data.Values[s * w + k];
                    if (double.IsNaN(y))
                    {
                        continue;
                    }
                    mask |= BigInteger.One << k;
                    n++;
                    sum += y;
                    yy += y * y;
                    cellCount[g * w + k]++;
                    cellSum[g * w + k] += y;
                }
                if (n == 0)
                {
                    continue;
                }
                if (!patterns.TryGetValue((g, mask), out var pattern))
                {
                    var a = Vector<double>.Build.Dense(P);
                    for (var k = 0; k < w; k++)
                    {
                        if (!(mask & (BigInteger.One << k)).IsZero)
                        {
                            a += CellRows[g * w + k];
                        }
                    }
                    pattern = new Pattern(a, n);
                    patterns[(g, mask)] = pattern;
                }
                pattern.Count++;
                pattern.SumY += sum;
                pattern.SumY2 += sum * sum;
                N += n;
            }
            Patterns = [.. patterns.Values];
            YY = yy;
            XX = Matrix<double>.Build.Dense(P, P);
            XY = Vector<double>.Build.Dense(P);
            for (var c = 0; c < cells; c++)
            {
                if (cellCount[c] > 0)
                {
                    XX += CellRows[c].OuterProduct(CellRows[c]) * cellCount[c];
                    XY += CellRows[c] * cellSum[c];
                }
            }
            // Per pattern, a·aᵀ summed over its subjects, and a·(Σy) summed: used at every evaluation.
            PatternAA = [.. Patterns.Select(p => p.A.OuterProduct(p.A) * p.Count)];
            PatternAY = [.. Patterns.Select(p => p.SumAY)];
            if (N - P < 1)
            {
                throw new ArgumentException($"{N} values cannot fit {P} fixed effects and a residual variance");
            }
        }

        public IReadOnlyList<Factor> Factors { get; }
        public IReadOnlyList<int[]> Terms { get; }
        public int[] TermColumns { get; }
        public int P { get; }
        public int N { get; }
        private Vector<double>[] CellRows { get; }
        private List<Pattern> Patterns { get; }
        private Matrix<double>[] PatternAA { get; }
        private Vector<double>[] PatternAY { get; }
        private double YY { get; }
        private Matrix<double> XX { get; }
        private Vector<double> XY { get; }

        private static double C(double u, int n) => u / (1 + n * u);
        private static double DC(double u, int n) => 1 / ((1 + n * u) * (1 + n * u));

        public Evaluation Evaluate(double u)
        {
            var a = XX.Clone();
            var xhy = XY.Clone();
            var yhy = YY;
            var logDetH = 0.0;
            for (var i = 0; i < Patterns.Count; i++)
            {
                var p = Patterns[i];
                var c = C(u, p.N);
                a -= PatternAA[i] * c;
                xhy -= PatternAY[i] * c;
                yhy -= p.SumY2 * c;
                logDetH += p.Count * Math.Log(1 + p.N * u);
            }
            var cholesky = a.Cholesky();
            var beta = cholesky.Solve(xhy);
            var rss = yhy - beta * xhy;
            var inverse = cholesky.Solve(Matrix<double>.Build.DenseIdentity(P));
            return new Evaluation(u, beta, rss, inverse, cholesky.DeterminantLn, logDetH);
        }

        /// <summary>
        /// pbkrtest's P_i = −XᵀW G_i W X, Q_ij = XᵀW G_i W G_j W X and K_ij = tr(G_i W G_j W) for G_1 = ZZᵀ,
        /// G_2 = I and W = V⁻¹. Within one subject's block of n values W = (I − cJ)/σ², and with
        /// k = 1/(1 + nu) = 1 − cn every power of (I − cJ) is I + (k^m − 1)/n · J, so each sum reduces to
        /// XᵀX and, per pattern, a·aᵀ times a function of n.
        /// </summary>
        public (Matrix<double>[] P, Matrix<double>[,] Q, Matrix<double> K) KenwardRogerParts(double u, double sigma2)
        {
            var s4 = sigma2 * sigma2;
            var s6 = s4 * sigma2;
            Matrix<double> Sum(Func<int, double> weight)
            {
                var m = Matrix<double>.Build.Dense(P, P);
                for (var i = 0; i < Patterns.Count; i++)
                {
                    m += PatternAA[i] * weight(Patterns[i].N);
                }
                return m;
            }
            double Scalar(Func<int, double> weight) => Patterns.Sum(pattern => pattern.Count * weight(pattern.N));
            double K(int n) => 1 / (1 + n * u);

            var p1 = -Sum(n => Math.Pow(K(n), 2)) / s4;
            var p2 = -(XX + Sum(n => (Math.Pow(K(n), 2) - 1) / n)) / s4;
            var q11 = Sum(n => Math.Pow(K(n), 3) * n) / s6;
            var q12 = Sum(n => Math.Pow(K(n), 3)) / s6;
            var q22 = (XX + Sum(n => (Math.Pow(K(n), 3) - 1) / n)) / s6;
            var k = Matrix<double>.Build.DenseOfArray(new[,]
            {
                { Scalar(n => Math.Pow(n * K(n), 2)) / s4, Scalar(n => n * Math.Pow(K(n), 2)) / s4 },
                { Scalar(n => n * Math.Pow(K(n), 2)) / s4, Scalar(n => n + Math.Pow(K(n), 2) - 1) / s4 },
            });
            return ([p1, p2], new[,] { { q11, q12 }, { q12.Transpose(), q22 } }, k);
        }

        /// <summary>dA/du, where A(u) = XᵀH⁻¹X.</summary>
        public Matrix<double> DerivativeOfA(double u)
        {
            var d = Matrix<double>.Build.Dense(P, P);
            for (var i = 0; i < Patterns.Count; i++)
            {
                d -= PatternAA[i] * DC(u, Patterns[i].N);
            }
            return d;
        }

        /// <summary>
        /// The parts of the REML deviance's derivative in u: d log|H|/du, d log|A|/du and dRSS/du (by the
        /// envelope theorem β̂ stays put, so only the explicit dependence on u counts).
        /// </summary>
        private (double LogDetH, double LogDetA, double Rss) Derivatives(Evaluation at)
        {
            var u = at.U;
            double dLogDetH = 0, dRss = 0;
            for (var i = 0; i < Patterns.Count; i++)
            {
                var p = Patterns[i];
                dLogDetH += p.Count * p.N / (1 + p.N * u);
                // Σ over the pattern's subjects of (Σy − aᵀβ)², times −dc/du.
                var fitted = p.A * at.Beta;
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
            var (h, a, rss) = Derivatives(at);
            return (N - P) * rss / at.Rss + h + a;
        }

        /// <summary>
        /// The u = θ² that minimises the profiled REML criterion: 0 when the criterion rises from there,
        /// otherwise the root of its slope, bracketed by doubling and found by Brent's method.
        /// </summary>
        public double OptimalRatioSquared()
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
            var at = Evaluate(theta * theta);
            var (h, a, rss) = Derivatives(at);
            return 2 * theta * (h + a + rss / sigma2);
        }

        /// <summary>
        /// The Hessian of the REML deviance D(θ, σ) = log|H| + RSS/σ² + (N−p) log 2πσ² + log|A| in (θ, σ),
        /// the parameters lmerTest differentiates in: ∂²/∂σ² and ∂²/∂θ∂σ written out, ∂²/∂θ² by Richardson-
        /// extrapolated central differences of the exact first derivative.
        /// </summary>
        public Matrix<double> DevianceHessian(double theta, double sigma)
        {
            var sigma2 = sigma * sigma;
            var at = Evaluate(theta * theta);
            var (_, _, dRssDu) = Derivatives(at);
            var dRssDTheta = 2 * theta * dRssDu;
            var sigmaSigma = 6 * at.Rss / (sigma2 * sigma2) - 2.0 * (N - P) / sigma2;
            var thetaSigma = -2 * dRssDTheta / (sigma2 * sigma);
            var thetaTheta = Richardson(h => (SlopeInTheta(theta + h, sigma2) - SlopeInTheta(Math.Max(theta - h, 0), sigma2)) / (theta + h - Math.Max(theta - h, 0)),
                Math.Max(1e-4, theta * 1e-3));
            return Matrix<double>.Build.DenseOfArray(new[,] { { thetaTheta, thetaSigma }, { thetaSigma, sigmaSigma } });
        }

        /// <summary>Richardson extrapolation of a central difference (as numDeriv does): halving the step four times.</summary>
        private static double Richardson(Func<double, double> difference, double step)
        {
            const int levels = 4;
            var table = new double[levels];
            for (var i = 0; i < levels; i++)
            {
                table[i] = difference(step / Math.Pow(2, i));
            }
            for (var k = 1; k < levels; k++)
            {
                var factor = Math.Pow(4, k);
                for (var i = levels - 1; i >= k; i--)
                {
                    table[i] = (factor * table[i] - table[i - 1]) / (factor - 1);
                }
            }
            return table[levels - 1];
        }
    }
}
