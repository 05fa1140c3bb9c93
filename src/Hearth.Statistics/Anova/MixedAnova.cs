using Hearth.Statistics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Anova;

/// <summary>One row of the ANOVA table (sphericity assumed).</summary>
public sealed record AnovaEffect(
    string Effect,
    double SumOfSquares,
    double DfNumerator,
    double ErrorSumOfSquares,
    double DfDenominator,
    double MeanSquare,
    double ErrorMeanSquare,
    double F,
    double P,
    double PartialEtaSquared,
    double GeneralizedEtaSquared);

/// <summary>Sphericity of one effect with more than one within-subjects degree of freedom.</summary>
public sealed record SphericityTest(
    string Effect,
    double MauchlyW,
    double MauchlyP,
    double GreenhouseGeisserEpsilon,
    double GreenhouseGeisserP,
    double HuynhFeldtEpsilon,
    double HuynhFeldtP);

public sealed record MixedAnovaResult(IReadOnlyList<AnovaEffect> Effects, IReadOnlyList<SphericityTest> Sphericity);

/// <summary>
/// Mixed-design (split-plot) ANOVA by the multivariate approach to repeated measures, as R's
/// car::Anova on an mlm and afex::aov_ez compute it, and SPSS GLM Repeated Measures:
/// <list type="bullet">
/// <item>between-subjects terms coded with sum-to-zero contrasts over the full factorial, so each
/// term's type III hypothesis is that its coefficients are zero;</item>
/// <item>for each within-subjects term, the responses are projected on an orthonormal basis M of
/// that term's contrasts; the hypothesis SSCP of between term J is H = (B_J M)ᵀ V_J⁻¹ (B_J M), with
/// B the coefficient matrix and V_J the J block of (XᵀX)⁻¹; the error SSCP is Mᵀ E M;</item>
/// <item>the univariate (sphericity-assumed) test uses SS = tr H, SS_error = tr(Mᵀ E M),
/// df = df_J · q and df_error · q (Maxwell &amp; Delaney 2004, ch. 12–14; O'Brien &amp; Kaiser 1985).</item>
/// </list>
/// Because the between design is the full factorial with no empty cell, B = C⁻¹ Ȳ and
/// (XᵀX)⁻¹ = C⁻¹ N⁻¹ C⁻ᵀ, where C codes the cells and N holds their sizes: everything follows from
/// the cell means, sizes and pooled SSCP in <see cref="GroupMoments"/>.
/// </summary>
public static class MixedAnova
{
    public static MixedAnovaResult Fit(RepeatedMeasuresData data, GroupMoments moments)
    {
        if (moments.ErrorDf < 1)
        {
            throw new ArgumentException($"{data.SubjectCount} subjects in {data.BetweenCells} between-subjects cells leave no error degrees of freedom");
        }

        var betweenTerms = Terms.FullFactorial(data.Between.Count, withIntercept: true);
        var withinTerms = Terms.FullFactorial(data.Within.Count, withIntercept: true);

        // Cell coding C (cells × coefficients), its inverse, and (XᵀX)⁻¹ = C⁻¹ N⁻¹ C⁻ᵀ.
        var blocks = betweenTerms.Select(t => Contrasts.TermCoding(t, data.Between)).ToList();
        var coding = Matrix<double>.Build.DenseOfMatrixArray(new[,] { { Concatenate(blocks) } });
        var codingInverse = coding.Inverse();
        var nInverse = Matrix<double>.Build.DenseOfDiagonalArray(moments.Counts.Select(n => 1.0 / n).ToArray());
        var xtxInverse = codingInverse * nInverse * codingInverse.Transpose();
        var coefficients = codingInverse * moments.Means;

        var columnsOf = new List<int[]>();
        var next = 0;
        foreach (var block in blocks)
        {
            columnsOf.Add([.. Enumerable.Range(next, block.ColumnCount)]);
            next += block.ColumnCount;
        }

        var effects = new List<AnovaEffect>();
        var sphericity = new List<SphericityTest>();
        var errorStrata = 0.0;
        var rows = new List<(string Name, double Ss, double Df, double SsError, double DfError, int WithinDf, Matrix<double> ErrorProjected)>();
        foreach (var withinTerm in withinTerms)
        {
            var m = withinTerm.Length == 0
                ? Matrix<double>.Build.Dense(data.WithinCells, 1, 1 / Math.Sqrt(data.WithinCells))
                : Contrasts.Orthonormal(Contrasts.TermCoding(withinTerm, data.Within));
            var q = m.ColumnCount;
            var projectedCoefficients = coefficients * m;
            var errorProjected = m.Transpose() * moments.ResidualSscp * m;
            var ssError = errorProjected.Trace();
            errorStrata += ssError;

            for (var b = 0; b < betweenTerms.Count; b++)
            {
                var betweenTerm = betweenTerms[b];
                if (betweenTerm.Length == 0 && withinTerm.Length == 0)
                {
                    continue; // the intercept is not reported
                }
                var columns = columnsOf[b];
                var bj = projectedCoefficients.SubMatrix(columns[0], columns.Length, 0, q);
                var vj = xtxInverse.SubMatrix(columns[0], columns.Length, columns[0], columns.Length);
                var ss = (bj.TransposeThisAndMultiply(vj.Solve(bj))).Trace();
                var name = string.Join(":", new[] { Terms.Name(betweenTerm, data.Between), Terms.Name(withinTerm, data.Within) }.Where(s => s.Length > 0));
                rows.Add((name, ss, columns.Length * q, ssError, moments.ErrorDf * q, q, errorProjected));
            }
        }

        foreach (var (name, ss, df, ssError, dfError, q, errorProjected) in rows)
        {
            var ms = ss / df;
            var msError = ssError / dfError;
            var f = ms / msError;
            effects.Add(new AnovaEffect(
                name, ss, df, ssError, dfError, ms, msError, f, Tails.FUpper(f, df, dfError),
                ss / (ss + ssError),
                // Generalized η² with no observed factors (Olejnik & Algina 2003; Bakeman 2005), as afex
                // computes it: the effect over itself plus the error of every stratum.
                ss / (ss + errorStrata)));
            if (q > 1)
            {
                sphericity.Add(Sphericity.Test(name, errorProjected, moments.ErrorDf, data.WithinCells, f, df, dfError));
            }
        }
        return new MixedAnovaResult(effects, sphericity);
    }

    private static Matrix<double> Concatenate(List<Matrix<double>> blocks)
    {
        var result = blocks[0];
        for (var i = 1; i < blocks.Count; i++)
        {
            result = result.Append(blocks[i]);
        }
        return result;
    }
}
