using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Hearth.Statistics.Evaluation;

/// <summary>
/// The residual-maker of two crossed factors (units and periods, with an intercept): Residualize(v) is v
/// minus its least-squares fit on unit and period dummies, computed exactly without the N × (units +
/// periods) design. The factor with more levels is absorbed by demeaning within its levels; the other
/// factor's effects then solve the small normal equations
/// (diag(nₖ) − Σᵢ zᵢzᵢᵀ / nᵢ) γ = Zᵀ(v − within-means), zᵢ counting level i's rows in each level of the
/// other factor. That matrix is singular once per connected part of the panel (a level's effect is only
/// defined against another level it is linked to through shared rows), so one level per part is held at
/// zero and the rest solved by Cholesky: exact for any unbalanced panel, unlike alternating projections,
/// which only converge to it.
/// </summary>
internal sealed class TwoWayFixedEffects
{
    private readonly int[] _absorbed;
    private readonly int[] _solved;
    private readonly int[] _absorbedCount;
    private readonly int[] _solvedCount;
    private readonly int _absorbedLevels;
    private readonly int _solvedLevels;
    // Per absorbed level, its rows' solved levels with their counts (CSR layout).
    private readonly int[] _linkStart;
    private readonly int[] _linkLevel;
    private readonly int[] _linkCount;
    // Solved levels that are estimated (not held at zero) and their position in the reduced system.
    private readonly int[] _reducedIndex;
    private readonly Cholesky<double>? _normal;

    public TwoWayFixedEffects(int[] first, int firstLevels, int[] second, int secondLevels)
    {
        var swap = secondLevels > firstLevels;
        (_absorbed, _absorbedLevels, _solved, _solvedLevels) = swap
            ? (second, secondLevels, first, firstLevels)
            : (first, firstLevels, second, secondLevels);
        _absorbedCount = Counts(_absorbed, _absorbedLevels);
        _solvedCount = Counts(_solved, _solvedLevels);
        (_linkStart, _linkLevel, _linkCount) = Links();

        var components = new Components(_absorbedLevels + _solvedLevels);
        for (var i = 0; i < _absorbedLevels; i++)
        {
            for (var l = _linkStart[i]; l < _linkStart[i + 1]; l++)
            {
                components.Join(i, _absorbedLevels + _linkLevel[l]);
            }
        }
        ConnectedParts = components.Count;
        Rank = _absorbedLevels + _solvedLevels - ConnectedParts;

        // The first solved level of each connected part is its reference, held at zero.
        _reducedIndex = new int[_solvedLevels];
        var seen = new HashSet<int>();
        var reduced = 0;
        for (var k = 0; k < _solvedLevels; k++)
        {
            _reducedIndex[k] = seen.Add(components.Find(_absorbedLevels + k)) ? -1 : reduced++;
        }
        if (reduced > 0)
        {
            _normal = NormalMatrix(reduced).Cholesky();
        }
    }

    /// <summary>The rank of [intercept, unit dummies, period dummies]: levels of both factors less one per connected part.</summary>
    public int Rank { get; }

    /// <summary>Parts of the panel linked through shared rows (1 for any panel where units overlap in time).</summary>
    public int ConnectedParts { get; }

    public double[] Residualize(IReadOnlyList<double> v)
    {
        // Absorb: subtract each absorbed level's mean.
        var mean = new double[_absorbedLevels];
        for (var r = 0; r < v.Count; r++)
        {
            mean[_absorbed[r]] += v[r];
        }
        for (var i = 0; i < _absorbedLevels; i++)
        {
            mean[i] /= _absorbedCount[i];
        }
        var residual = new double[v.Count];
        var rhs = new double[_solvedLevels];
        for (var r = 0; r < v.Count; r++)
        {
            residual[r] = v[r] - mean[_absorbed[r]];
            rhs[_solved[r]] += residual[r];
        }
        if (_normal is null)
        {
            return residual;
        }

        // Solve for the other factor's effects, then remove them together with their within-level means.
        var reducedRhs = Vector<double>.Build.Dense(_normal.Factor.RowCount);
        for (var k = 0; k < _solvedLevels; k++)
        {
            if (_reducedIndex[k] >= 0)
            {
                reducedRhs[_reducedIndex[k]] = rhs[k];
            }
        }
        var solution = _normal.Solve(reducedRhs);
        var effect = new double[_solvedLevels];
        for (var k = 0; k < _solvedLevels; k++)
        {
            effect[k] = _reducedIndex[k] >= 0 ? solution[_reducedIndex[k]] : 0;
        }
        var effectMean = new double[_absorbedLevels];
        for (var i = 0; i < _absorbedLevels; i++)
        {
            var sum = 0.0;
            for (var l = _linkStart[i]; l < _linkStart[i + 1]; l++)
            {
                sum += _linkCount[l] * effect[_linkLevel[l]];
            }
            effectMean[i] = sum / _absorbedCount[i];
        }
        for (var r = 0; r < v.Count; r++)
        {
            residual[r] -= effect[_solved[r]] - effectMean[_absorbed[r]];
        }
        return residual;
    }

    private static int[] Counts(int[] levels, int count)
    {
        var counts = new int[count];
        foreach (var level in levels)
        {
            counts[level]++;
        }
        return counts;
    }

    /// <summary>For each absorbed level, the distinct solved levels among its rows and how many rows each has.</summary>
    private (int[] Start, int[] Level, int[] Count) Links()
    {
        // Rows grouped by absorbed level (a counting sort), then runs of equal solved level counted.
        var start = new int[_absorbedLevels + 1];
        for (var i = 0; i < _absorbedLevels; i++)
        {
            start[i + 1] = start[i] + _absorbedCount[i];
        }
        var next = (int[])start.Clone();
        var byAbsorbed = new int[_absorbed.Length];
        for (var r = 0; r < _absorbed.Length; r++)
        {
            byAbsorbed[next[_absorbed[r]]++] = _solved[r];
        }
        var linkStart = new int[_absorbedLevels + 1];
        var level = new List<int>(_absorbed.Length);
        var count = new List<int>(_absorbed.Length);
        for (var i = 0; i < _absorbedLevels; i++)
        {
            Array.Sort(byAbsorbed, start[i], start[i + 1] - start[i]);
            for (var r = start[i]; r < start[i + 1]; r++)
            {
                if (r > start[i] && byAbsorbed[r] == byAbsorbed[r - 1])
                {
                    count[^1]++;
                    continue;
                }
                level.Add(byAbsorbed[r]);
                count.Add(1);
            }
            linkStart[i + 1] = level.Count;
        }
        return (linkStart, [.. level], [.. count]);
    }

    /// <summary>diag(nₖ) − Σᵢ zᵢzᵢᵀ / nᵢ over the solved levels that are estimated (column-major, for MathNet).</summary>
    private Matrix<double> NormalMatrix(int size)
    {
        var a = new double[size * size];
        for (var k = 0; k < _solvedLevels; k++)
        {
            if (_reducedIndex[k] >= 0)
            {
                a[_reducedIndex[k] * (size + 1)] = _solvedCount[k];
            }
        }
        for (var i = 0; i < _absorbedLevels; i++)
        {
            double n = _absorbedCount[i];
            for (var x = _linkStart[i]; x < _linkStart[i + 1]; x++)
            {
                var p = _reducedIndex[_linkLevel[x]];
                if (p < 0)
                {
                    continue;
                }
                var weight = _linkCount[x] / n;
                for (var y = _linkStart[i]; y < _linkStart[i + 1]; y++)
                {
                    var q = _reducedIndex[_linkLevel[y]];
                    if (q >= 0)
                    {
                        a[q * size + p] -= weight * _linkCount[y];
                    }
                }
            }
        }
        return Matrix<double>.Build.Dense(size, size, a);
    }

    /// <summary>Union–find over the levels of both factors.</summary>
    private sealed class Components
    {
        private readonly int[] _parent;

        public Components(int size)
        {
            _parent = [.. Enumerable.Range(0, size)];
            Count = size;
        }

        public int Count { get; private set; }

        public int Find(int x)
        {
            while (_parent[x] != x)
            {
                _parent[x] = _parent[_parent[x]];
                x = _parent[x];
            }
            return x;
        }

        public void Join(int a, int b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                _parent[ra] = rb;
                Count--;
            }
        }
    }
}
