using Hearth.Statistics.Change;

namespace Hearth.Statistics.Tests;

/// <summary>Worked by hand from Jacobson &amp; Truax (1991).</summary>
public class ReliableChangeTests
{
    // SD 10, r = .80: SE = 10·√.2 = 4.4721…, S_diff = √(2·20) = √40 = 6.3245553…
    private static readonly double SDiff = ReliableChange.StandardErrorOfDifference(10, 0.8);

    [Fact]
    public void The_standard_error_of_the_difference_follows_the_formula()
    {
        Assert.Equal(Math.Sqrt(40), SDiff, 12);
    }

    [Fact]
    public void A_drop_larger_than_measurement_error_is_a_reliable_improvement_when_lower_is_better()
    {
        // 30 → 15: RCI = −15/√40 = −2.3717
        var r = ReliableChange.Assess("a", 30, 15, SDiff, higherIsBetter: false);
        Assert.Equal(-15 / Math.Sqrt(40), r.Rci, 12);
        Assert.Equal(ChangeDirection.Improved, r.Change);
    }

    [Fact]
    public void The_same_drop_is_a_deterioration_when_higher_is_better()
    {
        Assert.Equal(ChangeDirection.Deteriorated, ReliableChange.Assess("a", 30, 15, SDiff, higherIsBetter: true).Change);
    }

    [Fact]
    public void A_change_within_measurement_error_is_unchanged()
    {
        // 30 → 20: RCI = −10/√40 = −1.58
        Assert.Equal(ChangeDirection.Unchanged, ReliableChange.Assess("a", 30, 20, SDiff, higherIsBetter: false).Change);
    }

    [Fact]
    public void Criterion_c_weights_the_two_means_by_the_other_sd()
    {
        // clinical 40 (SD 8), functional 20 (SD 6): c = (8·20 + 6·40)/(8 + 6) = 400/14
        var norms = new Norms(40, 8, 20, 6);
        Assert.Equal(400.0 / 14, ReliableChange.CriterionC(norms), 12);
        Assert.True(ReliableChange.Assess("a", 35, 20, SDiff, false, norms).ClinicallySignificant);
        Assert.False(ReliableChange.Assess("b", 45, 30, SDiff, false, norms).ClinicallySignificant); // reliable, but still above c
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1.2)]
    public void A_reliability_outside_0_to_1_is_rejected(double r)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReliableChange.StandardErrorOfDifference(10, r));
    }
}
