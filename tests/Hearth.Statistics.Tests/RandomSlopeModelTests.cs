using Hearth.Statistics.Anova;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>
/// The random intercept and slope model where R has no number to compare with: data without slope
/// variance (the optimum at or near the boundary of the covariance parameters) and designs lme4 refuses.
/// Its agreement with lme4, lmerTest and pbkrtest is in <see cref="MixedModelFixtureTests"/>.
/// </summary>
public class RandomSlopeModelTests
{
    /// <summary>
    /// The random-intercept model is the slope model with the slope's variance and covariance at zero, so
    /// the slope model's optimum can only be lower — unless its optimiser stopped short or was caught on
    /// the boundary.
    /// </summary>
    [Theory]
    [InlineData("mixed-three-arm")]
    [InlineData("mixed-two-arm-four-waves")]
    public void On_data_without_slope_variance_it_converges_and_fits_at_least_as_well_as_the_intercept_alone(string fixture)
    {
        var (data, _) = MixedModelFixtureTests.Load(fixture);
        AtLeastAsGoodAsTheInterceptAlone(data);
    }

    [Fact]
    public void On_a_larger_simulated_trial_without_slope_variance_too()
    {
        AtLeastAsGoodAsTheInterceptAlone(Simulate(subjects: 300, waves: 4, slopeSd: 0, seed: 11));
    }

    private static void AtLeastAsGoodAsTheInterceptAlone(LongData data)
    {
        var intercept = LinearMixedModel.Fit(data, DenominatorDf.Satterthwaite, RandomEffects.Intercept);
        foreach (var ddf in new[] { DenominatorDf.Satterthwaite, DenominatorDf.KenwardRoger })
        {
            var slope = LinearMixedModel.Fit(data, ddf, RandomEffects.InterceptAndSlope);
            Assert.True(slope.RemlCriterion <= intercept.RemlCriterion + 1e-8,
                $"REML criterion with a random slope {slope.RemlCriterion:R} is above the intercept-only model's {intercept.RemlCriterion:R}");
            Assert.True(slope.SubjectSlopeVariance is >= 0 and < double.PositiveInfinity, $"slope variance {slope.SubjectSlopeVariance}");
            Assert.True(slope.SubjectInterceptVariance >= 0 && slope.ResidualVariance > 0);
            Assert.All(slope.Anova, test =>
            {
                Assert.True(double.IsFinite(test.F) && test.F >= 0, $"{ddf} {test.Effect}: F = {test.F}");
                Assert.True(double.IsFinite(test.DfDenominator) && test.DfDenominator > 0, $"{ddf} {test.Effect}: df = {test.DfDenominator}");
                Assert.InRange(test.P, 0, 1);
            });
        }
    }

    [Fact]
    public void Two_waves_are_refused_because_the_variances_are_not_identifiable()
    {
        var data = Simulate(subjects: 40, waves: 2, slopeSd: 1, seed: 3);
        var error = Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(data, DenominatorDf.Satterthwaite, RandomEffects.InterceptAndSlope));
        Assert.Contains("at least 3 waves", error.Message, StringComparison.Ordinal);
        // The random intercept alone is fine on the same data.
        Assert.Equal(data.Values.Count(v => !double.IsNaN(v)), LinearMixedModel.Fit(data).Observations);
    }

    [Fact]
    public void Three_waves_with_no_more_values_than_random_effects_are_refused_as_lme4_refuses_them()
    {
        // 40 subjects, 2 values each: 80 values for 80 random effects.
        var data = Simulate(subjects: 40, waves: 3, slopeSd: 1, seed: 5, keep: (s, w) => w != s % 3);
        var error = Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(data, DenominatorDf.Satterthwaite, RandomEffects.InterceptAndSlope));
        Assert.Contains("80 values from 40 subjects are too few", error.Message, StringComparison.Ordinal);
        // One more value and it is identifiable.
        var enough = Simulate(subjects: 40, waves: 3, slopeSd: 1, seed: 5, keep: (s, w) => w != s % 3 || s == 0);
        Assert.Equal(81, LinearMixedModel.Fit(enough, DenominatorDf.Satterthwaite, RandomEffects.InterceptAndSlope).Observations);
    }

    [Fact]
    public void Time_needs_a_single_within_factor()
    {
        var twoWithin = new LongData([], [new Factor("wave", ["1", "2", "3"]), new Factor("task", ["a", "b"])], ["s1", "s2"], [0, 0],
            [.. Enumerable.Range(0, 12).Select(i => (double)(i * i % 7))], []);
        var error = Assert.Throws<ArgumentException>(() => LinearMixedModel.Fit(twoWithin, DenominatorDf.Satterthwaite, RandomEffects.InterceptAndSlope));
        Assert.Contains("exactly one within-subjects factor", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Two arms, random intercepts (SD 5) and slopes (SD <paramref name="slopeSd"/>), residual SD 2, about 10 % of values missing.</summary>
    private static LongData Simulate(int subjects, int waves, double slopeSd, int seed, Func<int, int, bool>? keep = null)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        keep ??= (_, _) => random.NextDouble() >= 0.1;
        var values = new double[subjects * waves];
        var cells = new int[subjects];
        for (var s = 0; s < subjects; s++)
        {
            cells[s] = s % 2;
            var intercept = 5 * Normal();
            var slope = slopeSd * Normal();
            var any = false;
            for (var w = 0; w < waves; w++)
            {
                var y = 30 + intercept + slope * w - (cells[s] == 1 ? w : 0) + 2 * Normal();
                var kept = keep(s, w);
                values[s * waves + w] = kept ? Math.Round(y, 2) : double.NaN;
                any |= kept;
            }
            if (!any)
            {
                values[s * waves] = 30;
            }
        }
        return new LongData([new Factor("arm", ["control", "program"])], [new Factor("wave", [.. Enumerable.Range(1, waves).Select(w => $"w{w}")])],
            [.. Enumerable.Range(0, subjects).Select(s => $"s{s}")], cells, values, []);
    }
}
