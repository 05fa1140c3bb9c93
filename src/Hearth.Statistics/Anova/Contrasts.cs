using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Anova;

/// <summary>
/// Sum-to-zero (deviation) coding, R's <c>contr.sum</c>: level j &lt; L−1 is the unit vector e_j,
/// the last level is −1 in every column. Type III tests of a term are tests that its coefficients
/// under this coding are zero (Maxwell &amp; Delaney 2004, ch. 7; Fox &amp; Weisberg, car).
/// </summary>
public static class Contrasts
{
    public static Matrix<double> Sum(int levels)
    {
        var m = Matrix<double>.Build.Dense(levels, levels - 1);
        for (var j = 0; j < levels - 1; j++)
        {
            m[j, j] = 1;
            m[levels - 1, j] = -1;
        }
        return m;
    }

    /// <summary>
    /// The coding of a term over a crossed set of factors: the Kronecker product, in factor order,
    /// of each involved factor's contrasts and a column of ones for each factor not involved.
    /// Rows are cells (first factor slowest); columns are the term's degrees of freedom.
    /// </summary>
    public static Matrix<double> TermCoding(int[] term, IReadOnlyList<Factor> factors)
    {
        var result = Matrix<double>.Build.Dense(1, 1, 1);
        for (var f = 0; f < factors.Count; f++)
        {
            var levels = factors[f].Levels.Count;
            var part = term.Contains(f) ? Sum(levels) : Matrix<double>.Build.Dense(levels, 1, 1);
            result = result.KroneckerProduct(part);
        }
        return result;
    }

    /// <summary>An orthonormal basis of the column space (thin QR), as the univariate repeated-measures tests require.</summary>
    public static Matrix<double> Orthonormal(Matrix<double> m) => m.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
}
