using System.Globalization;
using System.Text.Json;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>
/// The stepped-wedge model against R (lme4 1.1, lmerTest 3.1, pbkrtest 0.5; tools/stats-reference/mixed.R,
/// the fixtures whose <c>"model"</c> is <c>"stepped_wedge"</c>): the treatment effect's estimate, SE and t,
/// the F statistics, the variances and the REML criterion to a relative 1e-6, df and p to 1e-4, with
/// Satterthwaite's df as lmerTest and Kenward–Roger's as pbkrtest. Measured: 4e-7 at most (the cluster
/// variance of the unbalanced data), where lme4's derivative-free optimiser stops with a gradient of
/// 1e-6 to 1e-5 and Hearth's Newton iteration with one of 1e-12 — the difference is lme4's tolerance.
/// </summary>
public class SteppedWedgeFixtureTests
{
    private static IEnumerable<string> Names => Fixture.LmerFixtures("stepped_wedge");

    public static TheoryData<string> Fixtures() => [.. Names];

    /// <summary>The fixture's CSV as rows (R wrote it unquoted; no field holds a comma) and R's results.</summary>
    internal static (WedgeData Data, JsonElement Expected) Load(string name)
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture.Directory, name + ".lmer.json"))).RootElement;
        var lines = File.ReadAllLines(Path.Combine(Fixture.Directory, name + ".csv"));
        Assert.Equal("subject,cluster,period,condition,score", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(','))
            .Select(f => new WedgeObservation(f[0], f[1], f[2], f[3], double.Parse(f[4], CultureInfo.InvariantCulture))).ToList();
        return (new WedgeData(rows, expected.GetProperty("args").GetProperty("control").GetString()!), expected);
    }

    private static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(expected - actual) / Math.Abs(expected):E2})");

    [Fact]
    public void The_three_designs_have_reference_data()
    {
        Assert.Equal(["wedge-classic", "wedge-singular", "wedge-unbalanced"], Names);
        Assert.Equal([false, true, false], Names.Select(name => Load(name).Expected.GetProperty("singular").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Counts_levels_and_conditions_are_read_as_r_reads_them(string name)
    {
        var (data, expected) = Load(name);
        var fit = SteppedWedgeModel.Fit(data);
        var counts = expected.GetProperty("counts");
        Assert.Equal(new WedgeCounts(counts.GetProperty("observations").GetInt32(), counts.GetProperty("subjects").GetInt32(),
            counts.GetProperty("clusters").GetInt32(), counts.GetProperty("periods").GetInt32()), fit.Counts);
        Assert.Equal(expected.GetProperty("period_levels").EnumerateArray().Select(e => e.GetString()), fit.Periods);
        Assert.Equal(expected.GetProperty("intervention").GetString(), fit.Intervention);
        Assert.Equal(expected.GetProperty("singular").GetBoolean(), fit.Singular);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Variances_the_reml_criterion_and_fixed_effects_match_lme4(string name)
    {
        var (data, expected) = Load(name);
        var fit = SteppedWedgeModel.Fit(data);
        var random = expected.GetProperty("random");
        var clusterVariance = random.GetProperty("cluster_variance").GetDouble();
        if (expected.GetProperty("singular").GetBoolean())
        {
            // On the boundary lme4 stops at θ_c ≈ 8e-8 (a variance of 6e-14), Hearth at θ_c ≈ 0: both are zero
            // on the scale of the other variances, which is where they are compared.
            Assert.True(Math.Abs(clusterVariance - fit.Variances.ClusterIntercept) <= 1e-6 * fit.Variances.Residual,
                $"cluster variance: expected {clusterVariance:R}, got {fit.Variances.ClusterIntercept:R}");
        }
        else
        {
            Near(clusterVariance, fit.Variances.ClusterIntercept, 1e-6, "cluster variance");
        }
        Near(random.GetProperty("subject_variance").GetDouble(), fit.Variances.SubjectIntercept, 1e-6, "subject variance");
        Near(random.GetProperty("residual_variance").GetDouble(), fit.Variances.Residual, 1e-6, "residual variance");
        Near(expected.GetProperty("reml_criterion").GetDouble(), fit.RemlCriterion, 1e-6, "REML criterion");
        var beta = expected.GetProperty("fixed_effects").EnumerateObject().ToList();
        Assert.Equal(beta.Select(b => b.Name), fit.FixedEffects.Select(b => b.Name));
        foreach (var (r, ours) in beta.Zip(fit.FixedEffects))
        {
            Assert.True(Math.Abs(r.Value.GetDouble() - ours.Estimate) <= 1e-6 * Math.Max(1, Math.Abs(r.Value.GetDouble())),
                $"{ours.Name}: expected {r.Value.GetDouble():R}, got {ours.Estimate:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_treatment_effect_matches_lmerTest_with_satterthwaite_df(string name) => EffectMatches(name, DenominatorDf.Satterthwaite, "effect");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_treatment_effect_matches_lmerTest_with_kenward_roger_df(string name) => EffectMatches(name, DenominatorDf.KenwardRoger, "effect_kenward_roger");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Type_3_tests_match_lmerTest_with_satterthwaite_df(string name) => TestsMatch(name, DenominatorDf.Satterthwaite, "anova");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Type_3_tests_match_pbkrtest_with_kenward_roger_df(string name) => TestsMatch(name, DenominatorDf.KenwardRoger, "anova_kenward_roger");

    private static void EffectMatches(string name, DenominatorDf ddf, string key)
    {
        var (data, expected) = Load(name);
        var fit = SteppedWedgeModel.Fit(data, ddf);
        Assert.Equal(ddf, fit.DenominatorDf);
        var effect = expected.GetProperty(key);
        double Expected(string field) => effect.GetProperty(field).GetDouble();
        Near(Expected("estimate"), fit.Effect.Estimate, 1e-6, "estimate");
        Near(Expected("se"), fit.Effect.StandardError, 1e-6, "SE");
        Near(Expected("t"), fit.Effect.T, 1e-6, "t");
        Near(Expected("ci_lower"), fit.Effect.CiLower, 1e-6, "CI lower");
        Near(Expected("ci_upper"), fit.Effect.CiUpper, 1e-6, "CI upper");
        Near(Expected("df"), fit.Effect.Df, 1e-4, "df");
        Near(Expected("p"), fit.Effect.P, 1e-4, "p");
    }

    private static void TestsMatch(string name, DenominatorDf ddf, string table)
    {
        var (data, expected) = Load(name);
        var tests = SteppedWedgeModel.Fit(data, ddf).Anova;
        var rows = expected.GetProperty(table).EnumerateArray().ToList();
        Assert.Equal(rows.Select(r => r.GetProperty("effect").GetString()), tests.Select(t => t.Effect));
        foreach (var (row, test) in rows.Zip(tests))
        {
            Assert.Equal(row.GetProperty("df_num").GetDouble(), test.DfNumerator);
            Near(row.GetProperty("f").GetDouble(), test.F, 1e-6, $"{test.Effect} F");
            Near(row.GetProperty("df_den").GetDouble(), test.DfDenominator, 1e-4, $"{test.Effect} denominator df");
            Near(row.GetProperty("p").GetDouble(), test.P, 1e-4, $"{test.Effect} p");
        }
    }
}
