using System.Text.Json;
using Hearth.Statistics.Anova;

namespace Hearth.Statistics.Tests;

/// <summary>Every number against R (afex 1.2, car 3.1, emmeans 1.8) to a relative error of 1e-9.</summary>
public class ReferenceFixtureTests
{
    public static TheoryData<string> Fixtures() => [.. Fixture.Names];

    private static RepeatedMeasuresAnalysis Analyse(Fixture fixture) => RepeatedMeasuresAnalysis.Run(fixture.Data());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Design_and_listwise_exclusion_match(string name)
    {
        var fixture = Fixture.Load(name);
        var data = fixture.Data();
        var design = fixture.Expected.GetProperty("design");
        Assert.Equal(design.GetProperty("subjects").GetInt32(), data.SubjectCount);
        Assert.Equal(design.GetProperty("excluded_subjects").EnumerateArray().Select(e => e.GetString()), data.ExcludedSubjects);
        foreach (var factor in data.Between.Concat(data.Within))
        {
            Assert.Equal(design.GetProperty("levels").GetProperty(factor.Name).EnumerateArray().Select(e => e.GetString()), factor.Levels);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Anova_table_matches_afex_type_3(string name)
    {
        var fixture = Fixture.Load(name);
        var effects = Analyse(fixture).Anova.Effects.ToDictionary(e => e.Effect);
        var expected = fixture.Expected.GetProperty("anova").EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("effect").GetString()), effects.Keys);
        foreach (var row in expected)
        {
            var e = effects[row.GetProperty("effect").GetString()!];
            Check(row, "ss", e.SumOfSquares, e.Effect);
            Check(row, "df_num", e.DfNumerator, e.Effect);
            Check(row, "ss_error", e.ErrorSumOfSquares, e.Effect);
            Check(row, "df_den", e.DfDenominator, e.Effect);
            Check(row, "ms", e.MeanSquare, e.Effect);
            Check(row, "ms_error", e.ErrorMeanSquare, e.Effect);
            Check(row, "f", e.F, e.Effect);
            Check(row, "p", e.P, e.Effect);
            Check(row, "partial_eta_squared", e.PartialEtaSquared, e.Effect);
            Check(row, "generalized_eta_squared", e.GeneralizedEtaSquared, e.Effect);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Sphericity_matches_car(string name)
    {
        var fixture = Fixture.Load(name);
        var tests = Analyse(fixture).Anova.Sphericity.ToDictionary(s => s.Effect);
        var expected = fixture.Expected.GetProperty("sphericity").EnumerateArray().ToList();
        Assert.Equal(expected.Select(e => e.GetProperty("effect").GetString()).Order(), tests.Keys.Order());
        foreach (var row in expected)
        {
            var s = tests[row.GetProperty("effect").GetString()!];
            Check(row, "mauchly_w", s.MauchlyW, s.Effect);
            Check(row, "mauchly_p", s.MauchlyP, s.Effect);
            Check(row, "gg_epsilon", s.GreenhouseGeisserEpsilon, s.Effect);
            Check(row, "gg_p", s.GreenhouseGeisserP, s.Effect);
            Check(row, "hf_epsilon", s.HuynhFeldtEpsilon, s.Effect);
            Check(row, "hf_p", s.HuynhFeldtP, s.Effect);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Descriptives_match(string name)
    {
        var fixture = Fixture.Load(name);
        var analysis = Analyse(fixture);
        var factors = analysis.Data.Between.Concat(analysis.Data.Within).Select(f => f.Name).ToList();
        var expected = fixture.Expected.GetProperty("descriptives").EnumerateArray().ToList();
        Assert.Equal(expected.Count, analysis.Descriptives.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            var cell = analysis.Descriptives[i];
            Assert.Equal(factors.Select(f => row.GetProperty(f).GetString()), cell.Levels);
            var what = string.Join("/", cell.Levels);
            Assert.Equal(row.GetProperty("n").GetInt32(), cell.N);
            Check(row, "mean", cell.Mean, what);
            Check(row, "sd", cell.Sd, what);
            Check(row, "ci_lower", cell.CiLower, what);
            Check(row, "ci_upper", cell.CiUpper, what);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Bonferroni_pairwise_comparisons_match_emmeans(string name)
    {
        var fixture = Fixture.Load(name);
        var analysis = Analyse(fixture);
        var expected = fixture.Expected.GetProperty("pairwise").EnumerateArray().ToList();
        Assert.Equal(expected.Count, analysis.Pairwise.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = expected[i];
            var p = analysis.Pairwise[i];
            Assert.Equal(row.GetProperty("family").GetString(), p.Family);
            Assert.Equal(row.GetProperty("contrast").GetString(), p.Contrast);
            var what = $"{p.Family}: {p.Contrast}";
            Check(row, "estimate", p.Estimate, what);
            Check(row, "se", p.StandardError, what);
            Check(row, "df", p.Df, what);
            Check(row, "t", p.T, what);
            Check(row, "p", p.P, what);
            Check(row, "p_bonferroni", p.PBonferroni, what);
            Check(row, "cohens_d", p.CohensD, what);
        }
    }

    private static void Check(JsonElement row, string key, double actual, string what) =>
        Close.Equal(row.GetProperty(key).GetDouble(), actual, $"{what} {key}");
}
