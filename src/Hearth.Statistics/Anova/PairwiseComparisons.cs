using Hearth.Statistics.Distributions;

namespace Hearth.Statistics.Anova;

/// <summary>One Bonferroni-corrected pairwise comparison of estimated marginal means.</summary>
public sealed record PairwiseComparison(
    string Family,
    string Contrast,
    double Estimate,
    double StandardError,
    double Df,
    double T,
    double P,
    double PBonferroni,
    double CohensD);

/// <summary>
/// Pairwise comparisons of cell means under the multivariate model, as R's emmeans gives them on an
/// afex model and SPSS's "compare simple main effects": for each factor, its levels are compared
/// within every combination of all the other factors. With the full between factorial, the
/// estimated marginal means are the cell means and their covariance is Σ ⊗ (XᵀX)⁻¹, Σ the pooled
/// residual covariance (SSCP / (N − G)); every test has the residual df N − G.
/// <list type="bullet">
/// <item>Within factor, cells a and b in between cell g: var = (Σ_aa + Σ_bb − 2Σ_ab) / n_g.</item>
/// <item>Between factor, groups g and h at within cell w: var = Σ_ww (1/n_g + 1/n_h).</item>
/// </list>
/// Bonferroni: p × the number of pairs in the family (L(L − 1)/2), capped at 1. Cohen's d divides the
/// estimate by a pooled standard deviation: √((Σ_aa + Σ_bb)/2) for within comparisons (the average
/// variance of the two occasions), √Σ_ww for between comparisons (the pooled within-group SD).
/// </summary>
public static class PairwiseComparisons
{
    public static IReadOnlyList<PairwiseComparison> Compute(RepeatedMeasuresData data, GroupMoments moments)
    {
        var sigma = moments.ResidualCovariance;
        var df = (double)moments.ErrorDf;
        var factors = data.Between.Select(f => (Factor: f, IsWithin: false)).Concat(data.Within.Select(f => (Factor: f, IsWithin: true))).ToList();
        var allBetween = data.Between;
        var allWithin = data.Within;
        var results = new List<PairwiseComparison>();

        for (var target = 0; target < factors.Count; target++)
        {
            var (factor, isWithin) = factors[target];
            var levelCount = factor.Levels.Count;
            var pairs = levelCount * (levelCount - 1) / 2;
            var others = Enumerable.Range(0, factors.Count).Where(f => f != target).ToList();
            var otherCounts = others.Select(f => factors[f].Factor.Levels.Count).ToArray();
            var combinations = otherCounts.Aggregate(1, (a, b) => a * b);

            for (var combination = 0; combination < combinations; combination++)
            {
                // Level of every factor except the target, first other factor slowest.
                var fixedLevels = new int[factors.Count];
                var rest = combination;
                for (var o = others.Count - 1; o >= 0; o--)
                {
                    fixedLevels[others[o]] = rest % otherCounts[o];
                    rest /= otherCounts[o];
                }
                var family = others.Count == 0
                    ? factor.Name
                    : $"{factor.Name} | {string.Join(", ", others.Select(f => $"{factors[f].Factor.Name}={factors[f].Factor.Levels[fixedLevels[f]]}"))}";

                for (var a = 0; a < levelCount; a++)
                {
                    for (var b = a + 1; b < levelCount; b++)
                    {
                        var (ga, wa) = Cells(fixedLevels, target, a, allBetween.Count, allBetween, allWithin);
                        var (gb, wb) = Cells(fixedLevels, target, b, allBetween.Count, allBetween, allWithin);
                        var estimate = moments.Means[ga, wa] - moments.Means[gb, wb];
                        double variance, sd;
                        if (isWithin)
                        {
                            variance = (sigma[wa, wa] + sigma[wb, wb] - 2 * sigma[wa, wb]) / moments.Counts[ga];
                            sd = Math.Sqrt((sigma[wa, wa] + sigma[wb, wb]) / 2);
                        }
                        else
                        {
                            variance = sigma[wa, wa] * (1.0 / moments.Counts[ga] + 1.0 / moments.Counts[gb]);
                            sd = Math.Sqrt(sigma[wa, wa]);
                        }
                        var se = Math.Sqrt(variance);
                        var t = estimate / se;
                        var p = Tails.TTwoSided(t, df);
                        results.Add(new PairwiseComparison(
                            family, $"{factor.Levels[a]} - {factor.Levels[b]}", estimate, se, df, t, p, Math.Min(1, p * pairs), estimate / sd));
                    }
                }
            }
        }
        return results;
    }

    /// <summary>The between and within cell numbers of the fixed levels with the target factor set to one level.</summary>
    private static (int Between, int Within) Cells(int[] fixedLevels, int target, int level, int betweenCount, IReadOnlyList<Factor> between, IReadOnlyList<Factor> within)
    {
        var levels = (int[])fixedLevels.Clone();
        levels[target] = level;
        return (
            RepeatedMeasuresData.CellOf(levels.AsSpan(0, betweenCount), between),
            RepeatedMeasuresData.CellOf(levels.AsSpan(betweenCount), within));
    }
}
