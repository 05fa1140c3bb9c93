using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Anova;

/// <summary>
/// Sufficient statistics of a repeated-measures design: per between cell, the number of subjects
/// and the mean of each within cell; over all cells, the pooled within-group sums of squares and
/// cross-products (the residual SSCP of the multivariate linear model with a full between factorial).
/// Computed in two passes (means, then centred products) for numerical accuracy.
/// </summary>
public sealed class GroupMoments
{
    // Two passes over every subject, run once: compiled fully optimised at first call, not taken precompiled
    // (ReadyToRun code cannot inline the span helpers of another assembly, and is never recompiled for a single call).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public GroupMoments(RepeatedMeasuresData data)
    {
        var g = data.BetweenCells;
        var w = data.WithinCells;
        Counts = new int[g];
        var sums = new double[g * w];
        for (var i = 0; i < data.SubjectCount; i++)
        {
            var cell = data.BetweenCell[i];
            Counts[cell]++;
            var row = data.Row(i);
            for (var k = 0; k < w; k++)
            {
                sums[cell * w + k] += row[k];
            }
        }
        var means = new double[g * w];
        for (var r = 0; r < g; r++)
        {
            for (var c = 0; c < w; c++)
            {
                means[r * w + c] = Counts[r] == 0 ? double.NaN : sums[r * w + c] / Counts[r];
            }
        }
        Means = Matrix<double>.Build.Dense(g, w, (r, c) => means[r * w + c]);

        var sscp = new double[w * w];
        var cellSquares = new double[g * w];
        var centred = new double[w];
        for (var i = 0; i < data.SubjectCount; i++)
        {
            var cell = data.BetweenCell[i];
            var row = data.Row(i);
            for (var k = 0; k < w; k++)
            {
                centred[k] = row[k] - means[cell * w + k];
                cellSquares[cell * w + k] += centred[k] * centred[k];
            }
            for (var a = 0; a < w; a++)
            {
                var ca = centred[a];
                for (var b = a; b < w; b++)
                {
                    sscp[a * w + b] += ca * centred[b];
                }
            }
        }
        ResidualSscp = Matrix<double>.Build.Dense(w, w, (a, b) => a <= b ? sscp[a * w + b] : sscp[b * w + a]);
        CellSumOfSquares = Matrix<double>.Build.Dense(g, w, (r, c) => cellSquares[r * w + c]);
        ErrorDf = data.SubjectCount - g;
    }

    /// <summary>Subjects in each between cell.</summary>
    public int[] Counts { get; }

    /// <summary>Between cells × within cells.</summary>
    public Matrix<double> Means { get; }

    /// <summary>Σ (y − ȳ)² within each between cell × within cell, for the cell SDs.</summary>
    public Matrix<double> CellSumOfSquares { get; }

    /// <summary>Pooled within-group SSCP, within cells × within cells.</summary>
    public Matrix<double> ResidualSscp { get; }

    /// <summary>Residual degrees of freedom of the multivariate model: subjects − between cells.</summary>
    public int ErrorDf { get; }

    /// <summary>The residual covariance matrix, SSCP / error df.</summary>
    public Matrix<double> ResidualCovariance => ResidualSscp / ErrorDf;
}
