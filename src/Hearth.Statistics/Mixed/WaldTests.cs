using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Mixed;

/// <summary>A hypothesis Lβ = 0 about the fixed effects, named for the term it tests.</summary>
internal sealed record Hypothesis(string Effect, Matrix<double> L);

/// <summary>One contrast lᵀβ̂ with its standard error and denominator df, for a t test.</summary>
internal sealed record ContrastEstimate(double Estimate, double StandardError, double Df);

/// <summary>
/// Wald tests of a REML fit's fixed effects with an approximate denominator df: Satterthwaite's as lmerTest
/// computes them (<see cref="SatterthwaiteTests"/>) or Kenward–Roger's as pbkrtest does
/// (<see cref="KenwardRogerTests"/>). Both only need the fit's summaries, so every model shares them.
/// </summary>
internal interface IWaldTests
{
    /// <summary>The F test of Lβ = 0, as <c>anova(model, type = 3)</c> reports it.</summary>
    MixedEffectTest FTest(Hypothesis hypothesis);

    /// <summary>lᵀβ̂, its SE and df, as <c>summary(model)</c> or <c>contest1D</c> report them.</summary>
    ContrastEstimate Contrast(Vector<double> l);
}
