using System.Globalization;
using CsCheck;
using Hearth.Statistics.Mixed;

namespace Hearth.Statistics.Tests;

/// <summary>
/// What the stepped-wedge analysis cannot depend on: the names of clusters and subjects, the order of the
/// rows, and the period labels as long as their order stays (numeric labels are ordered by value, so
/// relabelling 1, 2, 3 as years keeps it whatever order the rows come in).
/// </summary>
public class SteppedWedgePropertyTests
{
    private sealed record Trial(List<WedgeObservation> Rows, int RelabelSeed);

    /// <summary>Random small trials: 3–6 clusters of 2–6 subjects, 3–5 periods, up to 40 % of values missing.</summary>
    private static readonly Gen<Trial> Trials =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[3, 6], Gen.Int[2, 6], Gen.Int[3, 5], Gen.Double[0, 0.4], Gen.Int[0, 1_000_000],
            (seed, clusters, subjects, periods, missing, relabel) => new Trial(WedgeSimulation.Trial(seed, clusters, subjects, periods, missing), relabel));

    [Fact]
    public void Relabelling_periods_clusters_and_subjects_and_reordering_rows_changes_nothing()
    {
        Trials.Sample(trial =>
        {
            var random = new Random(trial.RelabelSeed);
            var clusterNames = Shuffled(trial.Rows.Select(r => r.Cluster).Distinct(), random).Select((c, i) => (c, i)).ToDictionary(x => x.c, x => $"ward {x.i}");
            var subjectNames = Shuffled(trial.Rows.Select(r => r.Subject).Distinct(), random).Select((s, i) => (s, i)).ToDictionary(x => x.s, x => $"id-{x.i * 7919 % 100_003}");
            // Periods 1, 2, 3, … become years 2018, 2021, 2024, …: other labels, the same order.
            string Year(string period) => (2015 + 3 * int.Parse(period, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
            var relabelled = Shuffled(trial.Rows, random)
                .Select(r => r with { Subject = subjectNames[r.Subject], Cluster = clusterNames[r.Cluster], Period = Year(r.Period) }).ToList();
            foreach (var ddf in new[] { DenominatorDf.Satterthwaite, DenominatorDf.KenwardRoger })
            {
                var original = SteppedWedgeModel.Fit(new WedgeData(trial.Rows, "control"), ddf);
                var other = SteppedWedgeModel.Fit(new WedgeData(relabelled, "control"), ddf);
                Assert.Equal(original.Periods.Select(Year), other.Periods);
                AssertSameFit(original, other);
            }
        }, iter: 40);
    }

    private static List<T> Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }

    /// <summary>
    /// The same fit up to rounding (sums in another order): relative 1e-7, variances on the residual's scale. Degrees of
    /// freedom, and the p values that use them, are allowed 1e-5: they come from derivatives of the variance estimates,
    /// which amplify the optimiser's last digits (seed 530_roZuusy3 gave df 54.548504 and 54.548498, 1.05e-7 apart).
    /// A relabelling bug moves them by far more.
    /// </summary>
    internal static void AssertSameFit(SteppedWedgeResult a, SteppedWedgeResult b)
    {
        static void Same(double x, double y, string what, double scale = 0, double tolerance = 1e-7) =>
            Assert.True(Math.Abs(x - y) <= tolerance * Math.Max(scale, Math.Max(Math.Abs(x), Math.Abs(y))), $"{what}: {x:R} and {y:R}");
        const double FromDerivatives = 1e-5;
        Assert.Equal(a.Counts, b.Counts);
        Same(a.Effect.Estimate, b.Effect.Estimate, "estimate", a.Effect.StandardError);
        Same(a.Effect.StandardError, b.Effect.StandardError, "SE");
        Same(a.Effect.Df, b.Effect.Df, "df", tolerance: FromDerivatives);
        Same(a.Effect.P, b.Effect.P, "p", tolerance: FromDerivatives);
        Same(a.Effect.CiLower, b.Effect.CiLower, "CI lower", a.Effect.StandardError);
        Same(a.Effect.CiUpper, b.Effect.CiUpper, "CI upper", a.Effect.StandardError);
        foreach (var (x, y) in a.Anova.Zip(b.Anova, (x, y) => (x, y)))
        {
            Assert.Equal(x.Effect, y.Effect);
            Same(x.F, y.F, x.Effect + " F");
            Same(x.DfDenominator, y.DfDenominator, x.Effect + " df", tolerance: FromDerivatives);
            Same(x.P, y.P, x.Effect + " p", tolerance: FromDerivatives);
        }
        var residual = a.Variances.Residual;
        Same(a.Variances.ClusterIntercept, b.Variances.ClusterIntercept, "cluster variance", residual);
        Same(a.Variances.SubjectIntercept, b.Variances.SubjectIntercept, "subject variance", residual);
        Same(a.Variances.Residual, b.Variances.Residual, "residual variance");
        Same(a.RemlCriterion, b.RemlCriterion, "REML criterion");
        Assert.Equal(a.Singular, b.Singular);
    }
}
