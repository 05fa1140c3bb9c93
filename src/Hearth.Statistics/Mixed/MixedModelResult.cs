namespace Hearth.Statistics.Mixed;

/// <summary>How the denominator degrees of freedom of the F tests are approximated.</summary>
public enum DenominatorDf { Satterthwaite, KenwardRoger }

/// <summary>The random effects per subject.</summary>
public enum RandomEffects
{
    /// <summary><c>(1 | subject)</c>: a random intercept.</summary>
    Intercept,

    /// <summary>
    /// <c>(1 + time | subject)</c>: a random intercept and a random slope on time, the wave's position
    /// 0, 1, 2, … in level order, with an unstructured 2 × 2 covariance. Needs one within factor and at
    /// least three waves.
    /// </summary>
    InterceptAndSlope,
}

/// <summary>One type III F test of a fixed-effect term.</summary>
public sealed record MixedEffectTest(string Effect, double DfNumerator, double DfDenominator, double F, double P);

/// <summary>
/// A linear mixed model fitted by REML: the type III tests of the fixed effects, the variance of the
/// subjects' random intercepts and of the residual, and the REML criterion (−2 × REML log-likelihood,
/// what lme4 reports as "REML criterion at convergence"). With a random slope also the slope's variance
/// and its correlation with the intercept (NaN when either variance is zero, as in lme4); both are null
/// for the random-intercept model.
/// </summary>
public sealed record MixedModelResult(
    IReadOnlyList<MixedEffectTest> Anova,
    double SubjectInterceptVariance,
    double ResidualVariance,
    double RemlCriterion,
    int Observations,
    IReadOnlyList<double> FixedEffects,
    double? SubjectSlopeVariance = null,
    double? InterceptSlopeCorrelation = null);
