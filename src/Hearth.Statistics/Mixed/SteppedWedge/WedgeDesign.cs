using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// A stepped wedge's data reduced, in one pass, to what the nested random-intercept model needs. The fixed
/// effects are the intercept, one column per period after the first and one for the intervention
/// (R's treatment contrasts); each row x is extended by its score y to x̃ = (x, y), so that every sum below
/// carries Xᵀ·, yᵀ· and the residuals' sums in one matrix. With r̃ = Σ x̃ over a subject's n observations:
/// <list type="bullet">
/// <item>the Gram matrix Σ x̃x̃ᵀ over all observations;</item>
/// <item>per subject size n (observations per subject), the subjects' count and Σ r̃r̃ᵀ;</item>
/// <item>per cluster and size n, the subjects' count m and Σ r̃ — the only per-cluster data.</item>
/// </list>
/// Subjects of one size share their covariance block, so every evaluation of the REML criterion costs a
/// few (p + 1)² sums per cluster and per size, never anything per observation or subject.
/// </summary>
internal sealed class WedgeDesign
{
    public WedgeDesign(WedgeData data)
    {
        Data = data;
        Periods = data.Periods.Count;
        Clusters = data.Clusters.Count;
        Subjects = data.Subjects.Count;
        N = data.Observations;
        P = Periods + 1;
        var d = P + 1;
        Refuse(data, Clusters, Periods, N, Subjects, P);

        // Per subject: its size and r̃, accumulated from sparse rows (intercept, period, intervention, y).
        var size = new int[Subjects];
        var rowSum = new double[Subjects * d];
        var gram = new double[d * d];
        Span<int> columns = stackalloc int[3];
        for (var i = 0; i < N; i++)
        {
            var s = data.ObservationSubject[i];
            var y = data.Scores[i];
            var count = 0;
            columns[count++] = 0;
            if (data.ObservationPeriod[i] > 0)
            {
                columns[count++] = data.ObservationPeriod[i];
            }
            if (data.ObservationTreated[i])
            {
                columns[count++] = P - 1;
            }
            size[s]++;
            foreach (var a in columns[..count])
            {
                rowSum[s * d + a] += 1;
                gram[a * d + P] += y;
                gram[P * d + a] += y;
                foreach (var b in columns[..count])
                {
                    gram[a * d + b] += 1;
                }
            }
            rowSum[s * d + P] += y;
            gram[P * d + P] += y * y;
        }
        Gram = Matrix<double>.Build.Dense(d, d, gram);

        Sizes = [.. size.Distinct().Order()];
        var sizeIndex = Sizes.Select((n, j) => (n, j)).ToDictionary(x => x.n, x => x.j);
        SizeCount = new int[Sizes.Length];
        var sizeGram = Sizes.Select(_ => new double[d * d]).ToArray();
        // Per cluster, per size: the subjects and their Σ r̃.
        var groups = new Dictionary<(int Cluster, int Size), (int Subjects, double[] Sum)>();
        for (var s = 0; s < Subjects; s++)
        {
            var j = sizeIndex[size[s]];
            SizeCount[j]++;
            var r = rowSum.AsSpan(s * d, d);
            Accumulate.Outer(sizeGram[j], 1, r, r);
            var key = (data.SubjectCluster[s], j);
            var group = groups.TryGetValue(key, out var g) ? g : (Subjects: 0, Sum: new double[d]);
            Accumulate.Scaled(group.Sum, 1, r);
            groups[key] = (group.Subjects + 1, group.Sum);
        }
        SizeGram = [.. sizeGram.Select(g => Matrix<double>.Build.Dense(d, d, g))];
        ClusterGroups = [.. Enumerable.Range(0, Clusters).Select(_ => new List<SizeGroup>())];
        foreach (var ((cluster, j), (subjects, sum)) in groups.OrderBy(g => g.Key))
        {
            ClusterGroups[cluster].Add(new SizeGroup(j, subjects, sum));
        }
    }

    public WedgeData Data { get; }
    /// <summary>Fixed effects: intercept, periods after the first, intervention.</summary>
    public int P { get; }
    /// <summary>The dimension of x̃ = (x, y): P + 1.</summary>
    public int D => P + 1;
    public int N { get; }
    public int Subjects { get; }
    public int Clusters { get; }
    public int Periods { get; }
    /// <summary>The column of the intervention's effect.</summary>
    public int ConditionColumn => P - 1;
    /// <summary>Σ x̃x̃ᵀ over the observations.</summary>
    public Matrix<double> Gram { get; }
    /// <summary>The distinct subject sizes n, ascending.</summary>
    public int[] Sizes { get; }
    /// <summary>Per size, the subjects of that size.</summary>
    public int[] SizeCount { get; }
    /// <summary>Per size, Σ r̃r̃ᵀ over the subjects of that size.</summary>
    public Matrix<double>[] SizeGram { get; }
    /// <summary>Per cluster, its subjects grouped by size.</summary>
    public List<SizeGroup>[] ClusterGroups { get; }

    /// <summary>
    /// Designs the model cannot estimate, refused with the reason (lme4 would fail or drop a column).
    /// </summary>
    private static void Refuse(WedgeData data, int clusters, int periods, int n, int subjects, int p)
    {
        if (clusters < 2)
        {
            throw new ArgumentException($"a stepped wedge needs at least 2 clusters; the data have {clusters} ('{data.Clusters[0]}'), so the clusters' variance cannot be estimated");
        }
        if (periods < 2)
        {
            throw new ArgumentException($"a stepped wedge needs at least 2 periods; the data have {periods} ('{data.Periods[0]}')");
        }
        // The intervention column is estimable beside the periods only if some period has observations
        // under both conditions; otherwise it is a sum of period columns.
        var seen = new int[periods]; // bit 0: control seen, bit 1: intervention seen
        for (var i = 0; i < n; i++)
        {
            seen[data.ObservationPeriod[i]] |= data.ObservationTreated[i] ? 2 : 1;
        }
        if (!seen.Contains(3))
        {
            throw new ArgumentException("the condition is confounded with the period: in every period all observations are under the same condition, so the intervention's effect cannot be told apart from the period effects (a stepped wedge needs periods in which some clusters have switched and others not yet)");
        }
        if (n <= subjects)
        {
            throw new ArgumentException($"{n} observations from {subjects} subjects: a random intercept per subject needs more observations than subjects, or the subjects' variance cannot be told apart from the residual variance (lme4 refuses such a model too)");
        }
        if (n - p < 1)
        {
            throw new ArgumentException($"{n} observations cannot fit {p} fixed effects and a residual variance");
        }
    }
}

/// <summary>The subjects of one cluster that have the same number of observations: their count and Σ r̃.</summary>
internal sealed record SizeGroup(int SizeIndex, int Subjects, double[] Sum);
