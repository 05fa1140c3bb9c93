using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The nested random intercepts' covariance at one θ = (θ_s, θ_c), lme4's relative standard deviations of
/// the subject and cluster intercepts, and the REML problem there. With u_s = θ_s², u_c = θ_c², one
/// cluster's observations have covariance σ²H, H = B + u_c·11ᵀ and B = I + u_s·Z_sZ_sᵀ, whose blocks are
/// one per subject (I + u_s J). So, with k = 1/(1 + n·u_s) for a subject of n observations:
/// <list type="bullet">
/// <item>B⁻¹ = I − Σ_subjects c·1_s1_sᵀ, c = u_s·k, and B⁻¹1 = Σ k·1_s;</item>
/// <item>Woodbury for the cluster's rank-one term: H⁻¹ = B⁻¹ − g·(B⁻¹1)(B⁻¹1)ᵀ with τ = 1ᵀB⁻¹1 = Σ n·k,
/// g = u_c/(1 + u_c τ), and |H| = Π(1 + n·u_s) · (1 + u_c τ);</item>
/// <item>so X̃ᵀH⁻¹X̃ = Σ x̃x̃ᵀ − Σ_sizes c·Σ r̃r̃ᵀ − Σ_clusters g·w̃w̃ᵀ with w̃ = X̃ᵀB⁻¹1 = Σ k·r̃ — A = XᵀH⁻¹X,
/// XᵀH⁻¹y and yᵀH⁻¹y are its blocks.</item>
/// </list>
/// The derivatives in u_s and u_c (of these sums, of log|H|) and Kenward–Roger's parts are sums of the
/// same kind, built from <see cref="SizeSum"/>, <see cref="ClusterSum"/> and <see cref="RhoGram"/>.
/// </summary>
internal sealed class NestedCovariance
{
    private readonly WedgeDesign design;
    // Per cluster: τ, g, h = 1/(1 + u_c τ), and w̃ = Σ k·r̃.
    private readonly double[] tau;
    private readonly double[] g;
    private readonly double[] h;
    private readonly double[][] w;

    public NestedCovariance(WedgeDesign design, double thetaSubject, double thetaCluster)
    {
        this.design = design;
        Theta = [thetaSubject, thetaCluster];
        var uSubject = thetaSubject * thetaSubject;
        var uCluster = thetaCluster * thetaCluster;
        K = [.. design.Sizes.Select(n => 1 / (1 + n * uSubject))];
        var clusters = design.Clusters;
        tau = new double[clusters];
        g = new double[clusters];
        h = new double[clusters];
        w = new double[clusters][];
        var augmented = design.Gram - SizeSum((_, k) => uSubject * k);
        var clusterPart = new double[design.D * design.D];
        var logDetH = Enumerable.Range(0, K.Length).Sum(j => design.SizeCount[j] * Math.Log(1 + design.Sizes[j] * uSubject));
        for (var c = 0; c < clusters; c++)
        {
            tau[c] = ClusterCount(c, (n, k) => n * k);
            h[c] = 1 / (1 + uCluster * tau[c]);
            g[c] = uCluster * h[c];
            w[c] = ClusterSum(c, (_, k) => k);
            Accumulate.Outer(clusterPart, g[c], w[c], w[c]);
            logDetH += Math.Log(1 + uCluster * tau[c]);
        }
        Augmented = augmented - Matrix<double>.Build.Dense(design.D, design.D, clusterPart);
        var p = design.P;
        Reml = ProfiledReml.Solve(Augmented.SubMatrix(0, p, 0, p), Augmented.Column(p, 0, p), Augmented[p, p], logDetH, design.N);
    }

    /// <summary>(θ_s, θ_c), in lme4's order (the factor with more levels first).</summary>
    public double[] Theta { get; }
    /// <summary>Per subject size, k = 1/(1 + n·u_s).</summary>
    public double[] K { get; }
    /// <summary>X̃ᵀH⁻¹X̃.</summary>
    public Matrix<double> Augmented { get; }
    public ProfiledReml Reml { get; }

    /// <summary>
    /// ∂(X̃ᵀH⁻¹X̃)/∂u and ∂log|H|/∂u for u = u_s and u = u_c, from ∂H⁻¹/∂u = −H⁻¹(∂H/∂u)H⁻¹:
    /// with ρ̃ = X̃ᵀH⁻¹1_s = k(r̃ − g·n·w̃) per subject, ∂/∂u_s = −Σ ρ̃ρ̃ᵀ and ∂log|H|/∂u_s = Σ 1_sᵀH⁻¹1_s =
    /// Σ (n·k − g·(n·k)²); with X̃ᵀH⁻¹1 = h·w̃ per cluster, ∂/∂u_c = −Σ h²·w̃w̃ᵀ and ∂log|H|/∂u_c = Σ h·τ.
    /// </summary>
    public (Matrix<double> Augmented, double LogDetH)[] Derivatives()
    {
        var cluster = new double[design.D * design.D];
        double subjectLogDet = SizeCountSum((n, k) => n * k), clusterLogDet = 0;
        for (var c = 0; c < design.Clusters; c++)
        {
            Accumulate.Outer(cluster, -h[c] * h[c], w[c], w[c]);
            subjectLogDet -= g[c] * ClusterCount(c, (n, k) => n * n * k * k);
            clusterLogDet += h[c] * tau[c];
        }
        return [(-RhoGram((_, _) => 1), subjectLogDet), (Matrix<double>.Build.Dense(design.D, design.D, cluster), clusterLogDet)];
    }

    /// <summary>Σ over subject sizes of weight(n, k)·Σ r̃r̃ᵀ.</summary>
    public Matrix<double> SizeSum(Func<int, double, double> weight)
    {
        var sum = Matrix<double>.Build.Dense(design.D, design.D);
        for (var j = 0; j < K.Length; j++)
        {
            sum += design.SizeGram[j] * weight(design.Sizes[j], K[j]);
        }
        return sum;
    }

    /// <summary>Σ over all subjects of weight(n, k).</summary>
    public double SizeCountSum(Func<int, double, double> weight) =>
        Enumerable.Range(0, K.Length).Sum(j => design.SizeCount[j] * weight(design.Sizes[j], K[j]));

    /// <summary>Σ over cluster c's subjects of weight(n, k)·r̃.</summary>
    public double[] ClusterSum(int c, Func<int, double, double> weight)
    {
        var sum = new double[design.D];
        foreach (var group in design.ClusterGroups[c])
        {
            Accumulate.Scaled(sum, weight(design.Sizes[group.SizeIndex], K[group.SizeIndex]), group.Sum);
        }
        return sum;
    }

    /// <summary>Σ over cluster c's subjects of weight(n, k).</summary>
    public double ClusterCount(int c, Func<int, double, double> weight) =>
        design.ClusterGroups[c].Sum(group => group.Subjects * weight(design.Sizes[group.SizeIndex], K[group.SizeIndex]));

    /// <summary>
    /// Σ over subjects of ψ(n, k)·ρ̃ρ̃ᵀ, ρ̃ = k(r̃ − g·n·w̃) = X̃ᵀH⁻¹1_s: Σ ψk²·r̃r̃ᵀ over sizes, and per cluster
    /// −g(v w̃ᵀ + w̃ vᵀ) + g²·(Σ ψk²n²)·w̃w̃ᵀ with v = Σ ψk²n·r̃.
    /// </summary>
    public Matrix<double> RhoGram(Func<int, double, double> psi)
    {
        var clusterPart = new double[design.D * design.D];
        for (var c = 0; c < design.Clusters; c++)
        {
            var v = ClusterSum(c, (n, k) => psi(n, k) * k * k * n);
            Accumulate.Outer(clusterPart, -g[c], v, w[c]);
            Accumulate.Outer(clusterPart, -g[c], w[c], v);
            Accumulate.Outer(clusterPart, g[c] * g[c] * ClusterCount(c, (n, k) => psi(n, k) * k * k * n * n), w[c], w[c]);
        }
        return SizeSum((n, k) => psi(n, k) * k * k) + Matrix<double>.Build.Dense(design.D, design.D, clusterPart);
    }

    /// <summary>Per cluster, Σ over its subjects of ψ(n, k)·ρ̃ = Σ ψk·r̃ − g·(Σ ψkn)·w̃.</summary>
    public double[] RhoSum(int c, Func<int, double, double> psi)
    {
        var sum = ClusterSum(c, (n, k) => psi(n, k) * k);
        Accumulate.Scaled(sum, -g[c] * ClusterCount(c, (n, k) => psi(n, k) * k * n), w[c]);
        return sum;
    }

    /// <summary>Per cluster: τ = 1ᵀB⁻¹1, g = u_c/(1 + u_c τ), h = 1/(1 + u_c τ) and w̃ = X̃ᵀB⁻¹1.</summary>
    public (double Tau, double G, double H, double[] W) Cluster(int c) => (tau[c], g[c], h[c], w[c]);
}
