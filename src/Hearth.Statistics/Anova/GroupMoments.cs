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
        Means = Matrix<double>.Build.Dense(g, w, (r, c) => Counts[r] == 0 ? double.NaN : sums[r * w + c] / Counts[r]);

        var sscp = new double[w * w];
        var centred = new double[w];
        for (var i = 0; i < data.SubjectCount; i++)
        {
            var cell = data.BetweenCell[i];
            var row = data.Row(i);
            for (var k = 0; k < w; k++)
            {
                centred[k] = row[k] - Means[cell, k];
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
        ErrorDf = data.SubjectCount - g;
    }

    /// <summary>Subjects in each between cell.</summary>
    public int[] Counts { get; }

    /// <summary>Between cells × within cells.</summary>
    public Matrix<double> Means { get; }

    /// <summary>Pooled within-group SSCP, within cells × within cells.</summary>
    public Matrix<double> ResidualSscp { get; }

    /// <summary>Residual degrees of freedom of the multivariate model: subjects − between cells.</summary>
    public int ErrorDf { get; }

    /// <summary>The residual covariance matrix, SSCP / error df.</summary>
    public Matrix<double> ResidualCovariance => ResidualSscp / ErrorDf;
}
