using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// pbkrtest's parts (<see cref="KenwardRogerInputs"/>) for the nested intercepts, whose covariance
/// parameters are the variances of the subject intercepts, the cluster intercepts and the residual, with
/// G = Z_sZ_sᵀ, Z_cZ_cᵀ and I, and W = H⁻¹/σ². In a cluster (<see cref="NestedCovariance"/>: b = B⁻¹1,
/// τ = 1ᵀb, g, h, w = Xᵀb) H⁻¹1_s = k·1_s − g·a·b with a = n·k, and H⁻¹1 = h·b, so every part is a sum
/// over clusters of products of a few vectors — ρ = XᵀH⁻¹1_s per subject, and per cluster w, α = Σ a·ρ
/// and ω = Σ k·ρ = XᵀH⁻¹b — and of the inner products
/// <list type="bullet">
/// <item>1_sᵀH⁻¹1_t = δ_st·a_s − g·a_s·a_t, 1_sᵀH⁻¹1 = h·a_s, 1ᵀH⁻¹1 = h·τ;</item>
/// <item>XᵀH⁻ᵐX from B⁻ᵐ = I + Σ (k^m − 1)/n·1_s1_sᵀ and H⁻¹ = B⁻¹ − g·bbᵀ;</item>
/// <item>tr H⁻² = Σ (n + k² − 1) − Σ_clusters (2g·bᵀB⁻¹b − g²(bᵀb)²), and the like.</item>
/// </list>
/// Everything is computed on the extended x̃ = (x, y) sums and cut to the fixed effects' block.
/// </summary>
internal static class WedgeKenwardRoger
{
    private const int Subject = 0, Cluster = 1, Residual = 2;

    public static KenwardRogerInputs Inputs(WedgeDesign design, NestedCovariance at)
    {
        var sigma2 = at.Reml.Sigma2;
        var (s4, s6) = (sigma2 * sigma2, sigma2 * sigma2 * sigma2);
        var d = design.D;
        var p = design.P;

        // Per cluster, accumulated: the outer-product parts of P, Q and the cluster terms of K.
        double[] New() => new double[d * d];
        var (pCluster, pResidual) = (New(), New());
        var (qSubjectSubject, qSubjectCluster, qClusterCluster, qSubjectResidual, qClusterResidual, qResidualResidual) = (New(), New(), New(), New(), New(), New());
        var traceSums = new double[3, 3]; // K's sums, before the 1/σ⁴
        traceSums[Subject, Subject] = at.SizeCountSum((n, k) => Math.Pow(n * k, 2));
        traceSums[Subject, Residual] = at.SizeCountSum((n, k) => k * k * n);
        traceSums[Residual, Residual] = at.SizeCountSum((n, k) => n + k * k - 1);
        for (var c = 0; c < design.Clusters; c++)
        {
            var (tau, g, h, w) = at.Cluster(c);
            var q = at.ClusterCount(c, (n, k) => Math.Pow(n * k, 2)); // Σ a²
            var b2 = at.ClusterCount(c, (n, k) => k * k * n);          // bᵀb
            var b3 = at.ClusterCount(c, (n, k) => k * k * k * n);      // bᵀB⁻¹b
            var w2 = at.ClusterSum(c, (_, k) => k * k);                // XᵀB⁻¹b
            var w3 = at.ClusterSum(c, (_, k) => k * k * k);            // XᵀB⁻²b
            var alpha = at.RhoSum(c, (n, k) => n * k);
            var omega = at.RhoSum(c, (_, k) => k);

            Accumulate.Outer(pCluster, h * h, w, w);
            // XᵀH⁻²X = XᵀB⁻²X − g(w₂wᵀ + ww₂ᵀ) + g²·bᵀb·wwᵀ; the XᵀB⁻²X part is added below.
            Accumulate.Outer(pResidual, -g, w2, w);
            Accumulate.Outer(pResidual, -g, w, w2);
            Accumulate.Outer(pResidual, g * g * b2, w, w);

            Accumulate.Outer(qSubjectSubject, -g, alpha, alpha);
            Accumulate.Outer(qSubjectCluster, h * h, alpha, w);
            Accumulate.Outer(qClusterCluster, h * h * h * tau, w, w);
            Accumulate.Outer(qSubjectResidual, -g, alpha, omega);
            Accumulate.Outer(qClusterResidual, h * h, w, omega);
            // XᵀH⁻³X = XᵀB⁻³X − g(w₃wᵀ + ww₃ᵀ) + g²·bᵀB⁻¹b·wwᵀ − g·ωωᵀ.
            Accumulate.Outer(qResidualResidual, -g, w3, w);
            Accumulate.Outer(qResidualResidual, -g, w, w3);
            Accumulate.Outer(qResidualResidual, g * g * b3, w, w);
            Accumulate.Outer(qResidualResidual, -g, omega, omega);

            traceSums[Subject, Subject] -= 2 * g * at.ClusterCount(c, (n, k) => Math.Pow(n * k, 3)) - g * g * q * q;
            traceSums[Subject, Cluster] += h * h * q;
            traceSums[Cluster, Cluster] += Math.Pow(h * tau, 2);
            traceSums[Subject, Residual] -= 2 * g * at.ClusterCount(c, (n, k) => n * n * k * k * k) - g * g * b2 * q;
            traceSums[Cluster, Residual] += h * h * b2;
            traceSums[Residual, Residual] -= 2 * g * b3 - g * g * b2 * b2;
        }

        Matrix<double> Block(Matrix<double> m) => m.SubMatrix(0, p, 0, p);
        Matrix<double> Dense(double[] sum) => Matrix<double>.Build.Dense(d, d, sum);
        var gram = design.Gram;
        var inverseSquared = gram + at.SizeSum((n, k) => (k * k - 1) / n) + Dense(pResidual);
        var inverseCubed = gram + at.SizeSum((n, k) => (k * k * k - 1) / n) + Dense(qResidualResidual);
        Matrix<double>[] pParts =
        [
            -Block(at.RhoGram((_, _) => 1)) / s4,
            -Block(Dense(pCluster)) / s4,
            -Block(inverseSquared) / s4,
        ];
        var qParts = new Matrix<double>[3, 3];
        qParts[Subject, Subject] = Block(at.RhoGram((n, k) => n * k) + Dense(qSubjectSubject)) / s6;
        qParts[Subject, Cluster] = Block(Dense(qSubjectCluster)) / s6;
        qParts[Cluster, Cluster] = Block(Dense(qClusterCluster)) / s6;
        qParts[Subject, Residual] = Block(at.RhoGram((_, k) => k) + Dense(qSubjectResidual)) / s6;
        qParts[Cluster, Residual] = Block(Dense(qClusterResidual)) / s6;
        qParts[Residual, Residual] = Block(inverseCubed) / s6;
        var traces = Matrix<double>.Build.Dense(3, 3);
        for (var r = 0; r < 3; r++)
        {
            for (var s = r; s < 3; s++)
            {
                qParts[s, r] = qParts[r, s].Transpose();
                traces[r, s] = traces[s, r] = traceSums[r, s] / s4;
            }
        }
        return new KenwardRogerInputs(at.Reml.Beta, at.Reml.AInverse * sigma2, pParts, qParts, traces);
    }
}
