using BigInteger = System.Numerics.BigInteger;
using Hearth.Statistics.Anova;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The data as both mixed models read it, in one pass: the fixed-effects design (sum-to-zero codings of
/// the full factorial), XᵀX, Xᵀy and yᵀy, and the subjects grouped by pattern — the same between cell and
/// the same waves observed — so that X and Z are the same for every subject of a pattern and each fit
/// works on a few sums per pattern instead of on the subjects.
/// </summary>
internal sealed class SubjectPatterns
{
    public SubjectPatterns(LongData data)
    {
        Factors = [.. data.Between, .. data.Within];
        Terms = Anova.Terms.FullFactorial(Factors.Count, withIntercept: true);
        var codings = Terms.Select(t => Contrasts.TermCoding(t, Factors)).ToList();
        TermColumns = [.. codings.Select(c => c.ColumnCount)];
        P = TermColumns.Sum();
        var cells = data.BetweenCells * data.WithinCells;
        // The row of X for every cell (between cells slowest): the terms' codings side by side.
        var cellRows = new Vector<double>[cells];
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
            cellRows[c] = row;
        }

        var w = data.WithinCells;
        var cellCount = new double[cells];
        var cellSum = new double[cells];
        var yy = 0.0;
        int values = 0, subjects = 0;
        // The observed waves as a bit mask: the first 64 in a ulong, which is all that most designs need and
        // much cheaper per value than a BigInteger, any further ones in a BigInteger.
        var patterns = new Dictionary<(int Cell, ulong Mask, BigInteger MaskBeyond64), SubjectPattern>();
        var y = data.Values;
        var betweenCell = data.BetweenCell;
        for (var s = 0; s < data.SubjectCount; s++)
        {
            var g = betweenCell[s];
            var mask = 0UL;
            var maskBeyond64 = BigInteger.Zero;
            var n = 0;
            var sum = 0.0;
            var weightedSum = 0.0; // Σ t·y, t the wave's position
            for (var k = 0; k < w; k++)
            {
                var value = y[s * w + k];
                if (double.IsNaN(value))
                {
                    continue;
                }
                if (k < 64)
                {
                    mask |= 1UL << k;
                }
                else
                {
                    maskBeyond64 |= BigInteger.One << k;
                }
                n++;
                sum += value;
                weightedSum += k * value;
                yy += value * value;
                cellCount[g * w + k]++;
                cellSum[g * w + k] += value;
            }
            if (n == 0)
            {
                continue;
            }
            if (!patterns.TryGetValue((g, mask, maskBeyond64), out var pattern))
            {
                pattern = SubjectPattern.Of(maskBeyond64 | mask, cellRows.AsSpan(g * w, w));
                patterns[(g, mask, maskBeyond64)] = pattern;
            }
            pattern.Add(sum, weightedSum);
            values += n;
            subjects++;
        }
        N = values;
        Subjects = subjects;
        Patterns = [.. patterns.Values];
        YY = yy;
        XX = Matrix<double>.Build.Dense(P, P);
        XY = Vector<double>.Build.Dense(P);
        for (var c = 0; c < cells; c++)
        {
            if (cellCount[c] > 0)
            {
                XX += cellRows[c].OuterProduct(cellRows[c]) * cellCount[c];
                XY += cellRows[c] * cellSum[c];
            }
        }
        if (N - P < 1)
        {
            throw new ArgumentException($"{N} values cannot fit {P} fixed effects and a residual variance");
        }
    }

    /// <summary>The type III hypotheses of the terms, as lmerTest writes them.</summary>
    public IEnumerable<Hypothesis> Hypotheses => TypeThreeHypotheses.Of(this);
    public IReadOnlyList<Factor> Factors { get; }
    public IReadOnlyList<int[]> Terms { get; }
    public int[] TermColumns { get; }
    /// <summary>Fixed effects.</summary>
    public int P { get; }
    /// <summary>Values.</summary>
    public int N { get; }
    /// <summary>Subjects with at least one value.</summary>
    public int Subjects { get; }
    public IReadOnlyList<SubjectPattern> Patterns { get; }
    public double YY { get; }
    public Matrix<double> XX { get; }
    public Vector<double> XY { get; }
}

/// <summary>
/// Subjects that share a between cell and a set of observed waves. Z = [1, t] (t the wave's position,
/// 0, 1, 2, …) is the same for all of them, so ZᵀX and ZᵀZ are the pattern's; of the responses only Zᵀy
/// per subject matters, kept as its sum and its sum of outer products over the pattern's subjects.
/// </summary>
internal sealed class SubjectPattern
{
    private SubjectPattern(Vector<double> row, Vector<double> timeRow, int n, double timeSum, double timeSquares)
    {
        Row = row;
        TimeRow = timeRow;
        N = n;
        TimeGram = Matrix2.Symmetric(n, timeSum, timeSquares);
    }

    /// <param name="mask">The observed waves, wave k as bit k.</param>
    /// <param name="cellRows">The rows of X of the between cell's waves.</param>
    public static SubjectPattern Of(BigInteger mask, ReadOnlySpan<Vector<double>> cellRows)
    {
        var p = cellRows[0].Count;
        var row = Vector<double>.Build.Dense(p);
        var timeRow = Vector<double>.Build.Dense(p);
        int n = 0;
        double timeSum = 0, timeSquares = 0;
        for (var k = 0; k < cellRows.Length; k++)
        {
            if (!(mask & (BigInteger.One << k)).IsZero)
            {
                row += cellRows[k];
                timeRow += cellRows[k] * k;
                n++;
                timeSum += k;
                timeSquares += k * k;
            }
        }
        return new SubjectPattern(row, timeRow, n, timeSum, timeSquares);
    }

    /// <summary>1ᵀX: the sum of the pattern's rows of X (the first row of ZᵀX).</summary>
    public Vector<double> Row { get; }
    /// <summary>tᵀX: the rows of X weighted by the wave's position (the second row of ZᵀX).</summary>
    public Vector<double> TimeRow { get; }
    /// <summary>Values per subject.</summary>
    public int N { get; }
    /// <summary>ZᵀZ = [[n, Σt], [Σt, Σt²]].</summary>
    public Matrix2 TimeGram { get; }
    /// <summary>Subjects.</summary>
    public int Count { get; private set; }
    /// <summary>Σ over subjects of Σy.</summary>
    public double SumY { get; private set; }
    /// <summary>Σ over subjects of (Σy)².</summary>
    public double SumY2 { get; private set; }
    /// <summary>Σ over subjects of Zᵀy = (Σy, Σty).</summary>
    public (double Y, double TimeY) ResponseSum => (SumY, sumTimeY);
    /// <summary>Σ over subjects of (Zᵀy)(Zᵀy)ᵀ.</summary>
    public Matrix2 ResponseGram => Matrix2.Symmetric(SumY2, sumYTimeY, sumTimeY2);

    private double sumTimeY;
    private double sumYTimeY;
    private double sumTimeY2;

    /// <summary>One more subject, with Zᵀy = (Σy, Σty).</summary>
    public void Add(double sumY, double sumTimeY)
    {
        Count++;
        SumY += sumY;
        SumY2 += sumY * sumY;
        this.sumTimeY += sumTimeY;
        sumYTimeY += sumY * sumTimeY;
        sumTimeY2 += sumTimeY * sumTimeY;
    }
}
