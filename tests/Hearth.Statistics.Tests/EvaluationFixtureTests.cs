using Hearth.Statistics.Evaluation;
using Xunit.Abstractions;

namespace Hearth.Statistics.Tests;

/// <summary>
/// Difference-in-differences (two-way fixed effects, CR1 SE clustered by unit) and interrupted time series
/// (segmented OLS, Newey–West SE) against R's lm with sandwich and lmtest, every number to a relative 1e-9.
/// </summary>
public class EvaluationFixtureTests(ITestOutputHelper output)
{
    public static TheoryData<string> DidFixtures() => [.. EvaluationFixture.Named("did-")];

    public static TheoryData<string> ItsFixtures() => [.. EvaluationFixture.Named("its-")];

    [Fact]
    public void There_are_fixtures_of_both_kinds()
    {
        Assert.Equal(["did-balanced", "did-few-teams", "did-staggered"], EvaluationFixture.Named("did-"));
        Assert.Equal(["its-early-change", "its-level-and-slope"], EvaluationFixture.Named("its-"));
    }

    [Theory]
    [MemberData(nameof(DidFixtures))]
    public void Difference_in_differences_matches_r(string name)
    {
        var expected = EvaluationFixture.Expected(name);
        var fit = DifferenceInDifferences.Fit(EvaluationFixture.Panel(name));
        Assert.Equal(expected.GetProperty("clusters").GetInt32(), fit.Clusters);
        Assert.Equal(expected.GetProperty("rows").GetInt32(), fit.Rows);
        Assert.Equal(expected.GetProperty("periods").GetInt32(), fit.Periods);
        var error = EvaluationFixture.Matches(expected, fit.Effect, name);
        output.WriteLine($"{name}: largest relative error against R {error:E2}");
    }

    [Theory]
    [MemberData(nameof(ItsFixtures))]
    public void Interrupted_time_series_matches_r(string name)
    {
        var expected = EvaluationFixture.Expected(name);
        var series = EvaluationFixture.Series(name);
        var fit = InterruptedTimeSeries.Fit(series.Values!, series.Start);
        Assert.Equal(expected.GetProperty("n").GetInt32(), fit.N);
        var error = new[]
        {
            EvaluationFixture.Matches(expected.GetProperty("pre_slope"), fit.PreSlope, $"{name} pre_slope"),
            EvaluationFixture.Matches(expected.GetProperty("level_change"), fit.LevelChange, $"{name} level_change"),
            EvaluationFixture.Matches(expected.GetProperty("slope_change"), fit.SlopeChange, $"{name} slope_change"),
        }.Max();
        output.WriteLine($"{name}: largest relative error against R {error:E2}");
    }

    [Fact]
    public void The_staggered_panel_really_is_unbalanced_and_staggered()
    {
        var panel = EvaluationFixture.Panel("did-staggered");
        Assert.True(panel.Rows < panel.UnitCount * panel.PeriodCount, "some team-months are missing");
        var firstTreatedPeriod = Enumerable.Range(0, panel.Rows).Where(r => panel.Treated[r] == 1)
            .GroupBy(r => panel.Unit[r]).Select(g => g.Min(r => panel.Period[r])).Distinct().Count();
        Assert.True(firstTreatedPeriod >= 3, "teams adopt the change in different months");
    }
}
