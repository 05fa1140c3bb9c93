namespace Hearth.Statistics.Mixed;

/// <summary>
/// The linear mixed model for repeated measures with missing waves, fitted as R's
/// <c>lmerTest::lmer(dv ~ between * within + (1 | subject), REML = TRUE)</c> with sum-to-zero contrasts,
/// or with <see cref="RandomEffects.InterceptAndSlope"/> as <c>(1 + time | subject)</c>, time the wave's
/// position 0, 1, 2, … in level order.
/// <para>
/// Why a mixed model: it keeps every subject with any value, where the repeated-measures ANOVA drops
/// whoever missed a wave, and so answers the intention-to-treat question. Why optionally a random slope:
/// when subjects change at different rates the waves' variances grow and their correlations fall over
/// time, which a random intercept alone (compound symmetry) ignores, making the tests of wave and
/// arm × wave too liberal. The slope costs a covariance parameter and a little power when it is not
/// there, so it is a choice and not the default — lme4's default formula is the intercept alone too.
/// </para>
/// <para>
/// Why it is fast and exact: subjects that share a between cell and a set of observed waves share their
/// X and Z, so everything is accumulated per such pattern in one pass (<see cref="SubjectPatterns"/>),
/// and each evaluation of the REML criterion costs a few p × p sums per pattern, never an N × N matrix.
/// The variance parameters are found from exact derivatives of the criterion (a root for the intercept,
/// Newton's method for intercept and slope), to the precision of the arithmetic rather than an
/// optimiser's tolerance, so the F tests — type III, with Satterthwaite's df as lmerTest computes them or
/// Kenward–Roger's as pbkrtest does (<see cref="SatterthwaiteTests"/>, <see cref="KenwardRogerTests"/>) —
/// agree with R to many digits.
/// </para>
/// </summary>
public static class LinearMixedModel
{
    public static MixedModelResult Fit(LongData data, DenominatorDf ddf = DenominatorDf.Satterthwaite) =>
        Fit(data, ddf, RandomEffects.Intercept);

    public static MixedModelResult Fit(LongData data, DenominatorDf ddf, RandomEffects randomEffects) => randomEffects switch
    {
        RandomEffects.Intercept => new RandomInterceptModel(new SubjectPatterns(data)).Fit(ddf),
        RandomEffects.InterceptAndSlope => RandomSlopeModel.For(data).Fit(ddf),
        _ => throw new ArgumentOutOfRangeException(nameof(randomEffects), randomEffects, "not a random-effects structure"),
    };
}
