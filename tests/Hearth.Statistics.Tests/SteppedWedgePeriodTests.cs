using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>
/// The periods' order: numeric labels by value, any other labels by first appearance; the first period is
/// the baseline of the period effects.
/// </summary>
public class SteppedWedgePeriodTests
{
    private static List<WedgeObservation> Trial() => WedgeSimulation.Trial(seed: 3, clusters: 6, subjectsPerCluster: 4, periods: 4);

    /// <summary>The rows of the trial's period 3 first, then the rest: period 3 is the first to appear.</summary>
    private static List<WedgeObservation> PeriodThreeFirst(IEnumerable<WedgeObservation> rows, Func<string, string> label) =>
        [.. rows.OrderBy(r => r.Period == "3" ? 0 : 1).Select(r => r with { Period = label(r.Period) })];

    [Fact]
    public void Numeric_labels_are_ordered_by_value_whatever_order_they_appear_in()
    {
        // Months 0, 3, 9, 12 — "12" sorts before "3" as text, and "9" appears first.
        string Month(string period) => period switch { "1" => "0", "2" => "3", "3" => "9", _ => "12" };
        var data = new WedgeData(PeriodThreeFirst(Trial(), Month), "control");
        Assert.Equal(["0", "3", "9", "12"], data.Periods);
        Assert.Equal(["(Intercept)", "period3", "period9", "period12", "conditionintervention"], SteppedWedgeModel.Fit(data).FixedEffects.Select(b => b.Name));
    }

    [Fact]
    public void Other_labels_are_ordered_by_first_appearance()
    {
        string Season(string period) => period switch { "1" => "winter", "2" => "spring", "3" => "summer", _ => "autumn" };
        Assert.Equal(["winter", "spring", "summer", "autumn"], new WedgeData([.. Trial().Select(r => r with { Period = Season(r.Period) })], "control").Periods);
        Assert.Equal(["summer", "winter", "spring", "autumn"], new WedgeData(PeriodThreeFirst(Trial(), Season), "control").Periods);
        // One label that is not a number and the numbers are not ordered either.
        string Mixed(string period) => period == "4" ? "end" : period;
        Assert.Equal(["3", "1", "2", "end"], new WedgeData(PeriodThreeFirst(Trial(), Mixed), "control").Periods);
    }

    /// <summary>
    /// Another baseline period reparametrises the period effects only: the treatment effect and every F stay;
    /// only the period test's Satterthwaite df may move, as in lmerTest, whose contestMD depends on the
    /// contrasts' basis (Kenward–Roger's does not).
    /// </summary>
    [Fact]
    public void Another_baseline_period_changes_neither_the_treatment_effect_nor_the_f_tests()
    {
        string Word(string period) => "p" + period;
        foreach (var ddf in new[] { DenominatorDf.Satterthwaite, DenominatorDf.KenwardRoger })
        {
            var inOrder = SteppedWedgeModel.Fit(new WedgeData([.. Trial().Select(r => r with { Period = Word(r.Period) })], "control"), ddf);
            var periodThreeFirst = SteppedWedgeModel.Fit(new WedgeData(PeriodThreeFirst(Trial(), Word), "control"), ddf);
            Assert.Equal("p1", inOrder.Periods[0]);
            Assert.Equal("p3", periodThreeFirst.Periods[0]);
            Assert.Equal(inOrder.Effect.Estimate, periodThreeFirst.Effect.Estimate, 1e-9);
            Assert.Equal(inOrder.Effect.StandardError, periodThreeFirst.Effect.StandardError, 1e-9);
            Assert.Equal(inOrder.Effect.Df, periodThreeFirst.Effect.Df, 1e-6);
            Assert.Equal(inOrder.Anova[0].F, periodThreeFirst.Anova[0].F, 1e-8);
            Assert.Equal(inOrder.Anova[1].F, periodThreeFirst.Anova[1].F, 1e-8);
            Assert.Equal(inOrder.RemlCriterion, periodThreeFirst.RemlCriterion, 1e-8);
            if (ddf == DenominatorDf.KenwardRoger)
            {
                Assert.Equal(inOrder.Anova[0].DfDenominator, periodThreeFirst.Anova[0].DfDenominator, 1e-6);
            }
        }
    }
}
