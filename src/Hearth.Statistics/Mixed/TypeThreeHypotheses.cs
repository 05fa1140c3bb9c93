using Hearth.Statistics.Anova;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// The type III hypotheses of a full-factorial design coded with sum-to-zero contrasts, one per term but
/// the intercept, as lmerTest's <c>anova(model, type = 3)</c> writes them.
/// </summary>
internal static class TypeThreeHypotheses
{
    /// <summary>Every term but the intercept with its hypothesis matrix L over all of β (zero outside the term's columns).</summary>
    public static IEnumerable<Hypothesis> Of(SubjectPatterns design)
    {
        var column = 1; // after the intercept
        for (var t = 1; t < design.Terms.Count; t++)
        {
            var q = design.TermColumns[t];
            var l = Matrix<double>.Build.Dense(q, design.P);
            l.SetSubMatrix(0, column, TreatmentHypothesis(design.Terms[t], design.Factors));
            column += q;
            yield return new Hypothesis(Terms.Name(design.Terms[t], design.Factors), l);
        }
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
}
