using System.Globalization;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>Data the stepped-wedge model cannot analyse are refused with the reason, never fitted wrongly.</summary>
public class SteppedWedgeRefusalTests
{
    /// <summary>A small valid trial: 4 clusters, 3 subjects each, 3 periods, clusters switching at periods 2 and 3.</summary>
    private static List<WedgeObservation> Trial() => WedgeSimulation.Trial(seed: 7, clusters: 4, subjectsPerCluster: 3, periods: 3, pMissing: 0);

    private static string Refusal(IEnumerable<WedgeObservation> rows, string control = "control") =>
        Assert.Throws<ArgumentException>(() => SteppedWedgeModel.Fit(new WedgeData(rows, control))).Message;

    [Fact]
    public void The_valid_trial_the_refusals_start_from_fits()
    {
        var fit = SteppedWedgeModel.Fit(new WedgeData(Trial(), "control"));
        Assert.Equal(new WedgeCounts(36, 12, 4, 3), fit.Counts);
    }

    [Fact]
    public void A_third_condition_is_refused()
    {
        var rows = Trial();
        rows[5] = rows[5] with { Condition = "placebo" };
        Assert.Contains("the condition has 3 levels ('control', 'intervention', 'placebo'); a stepped wedge compares exactly two", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_subject_in_two_clusters_is_refused()
    {
        var rows = Trial();
        var moved = rows.FindIndex(r => r.Subject == "c1s1");
        rows[moved] = rows[moved] with { Cluster = "c0" };
        var message = Refusal(rows);
        Assert.Contains("subject 'c1s1' is in two clusters, 'c0' and 'c1'", message, StringComparison.Ordinal);
        Assert.Contains("nested", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_cluster_is_refused()
    {
        var rows = Trial().Where(r => r.Cluster == "c0").ToList();
        Assert.Contains("at least 2 clusters; the data have 1 ('c0')", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_period_is_refused()
    {
        // Period 2 has both conditions (cluster c0 switches at it, c1 a period later).
        var rows = Trial().Where(r => r.Period == "2").ToList();
        Assert.Contains("at least 2 periods; the data have 1 ('2')", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void No_observation_under_the_intervention_is_refused()
    {
        var rows = Trial().Where(r => r.Condition == "control").ToList();
        Assert.Contains("no observation is in an intervention condition: all are in the control condition 'control'", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void No_observation_under_the_named_control_is_refused()
    {
        var message = Refusal(Trial(), control: "usual care");
        Assert.Contains("no observation is in the control condition 'usual care' (the conditions in the data: 'control', 'intervention')", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_with_both_conditions_in_one_period_is_refused()
    {
        var rows = Trial();
        var i = rows.FindIndex(r => r.Subject == "c0s2" && r.Period == "2");
        rows[i] = rows[i] with { Condition = "control" };
        Assert.Contains("cluster 'c0' has both conditions in period '2'", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_confounded_with_the_period_is_refused()
    {
        // Every cluster switches at period 3: the intervention column equals period 3's.
        var rows = Trial().Select(r => r with { Condition = r.Period == "3" ? "intervention" : "control" }).ToList();
        Assert.Contains("the condition is confounded with the period", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void A_score_that_is_not_a_number_is_refused()
    {
        var rows = Trial();
        rows[3] = rows[3] with { Score = double.NaN };
        Assert.Contains("observation 4 (subject 'c0s1', period '1') has a score that is not a number", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void Subjects_measured_once_each_are_refused_because_their_variance_is_not_identifiable()
    {
        // One observation per subject, subject i of a cluster in period i + 1, so all periods are kept.
        var rows = Trial().Where(r => r.Period == (int.Parse(r.Subject[^1..], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture)).ToList();
        Assert.Contains("12 observations from 12 subjects", Refusal(rows), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_denominator_df_method_is_refused()
    {
        var data = new WedgeData(Trial(), "control");
        Assert.Throws<ArgumentOutOfRangeException>(() => SteppedWedgeModel.Fit(data, (DenominatorDf)7));
    }
}
