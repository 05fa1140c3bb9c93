namespace Hearth.Statistics.Mixed;

/// <summary>
/// The intervention's effect (intervention − control, adjusted for period) with its standard error, df,
/// t test and 95% confidence interval estimate ± t(0.975, df)·SE.
/// </summary>
public sealed record TreatmentEffect(double Estimate, double StandardError, double Df, double T, double P, double CiLower, double CiUpper);

/// <summary>The variance components: of the clusters' intercepts, of the subjects' intercepts and of the residual.</summary>
public sealed record WedgeVariances(double ClusterIntercept, double SubjectIntercept, double Residual);

/// <summary>What the model was fitted to.</summary>
public sealed record WedgeCounts(int Observations, int Subjects, int Clusters, int Periods);

/// <summary>One fixed-effect coefficient, named as lme4 names it ("(Intercept)", "period3", "conditionintervention").</summary>
public sealed record FixedEffect(string Name, double Estimate);

/// <summary>
/// A stepped-wedge trial analysed by <see cref="SteppedWedgeModel"/>: the treatment effect, the type III F
/// tests of period and condition (in that order), the variance components, the REML criterion (lme4's
/// "REML criterion at convergence") and the fixed effects. <see cref="Singular"/> is lme4's
/// <c>isSingular</c>: a variance component at (or within 1e-4 relative SD of) zero, usually the clusters'.
/// </summary>
public sealed record SteppedWedgeResult(
    TreatmentEffect Effect,
    IReadOnlyList<MixedEffectTest> Anova,
    WedgeVariances Variances,
    double RemlCriterion,
    WedgeCounts Counts,
    IReadOnlyList<string> Periods,
    string Control,
    string Intervention,
    IReadOnlyList<FixedEffect> FixedEffects,
    DenominatorDf DenominatorDf,
    bool Singular);
