namespace Hearth.Statistics.Mixed;

/// <summary>How the denominator degrees of freedom of the F tests are approximated.</summary>
public enum DenominatorDf { Satterthwaite, KenwardRoger }

/// <summary>One type III F test of a fixed-effect term.</summary>
public sealed record MixedEffectTest(string Effect, double DfNumerator, double DfDenominator, double F, double P);

/// <summary>
/// A linear mixed model fitted by REML: the type III tests of the fixed effects, the variance of the
/// subjects' random intercepts and of the residual, and the REML criterion (−2 × REML log-likelihood,
/// what lme4 reports as "REML criterion at convergence").
/// </summary>
public sealed record MixedModelResult(
    IReadOnlyList<MixedEffectTest> Anova,
    double SubjectInterceptVariance,
    double ResidualVariance,
    double RemlCriterion,
    int Observations,
    IReadOnlyList<double> FixedEffects);
