using CsCheck;
using Hearth.Statistics.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Tests;

/// <summary>What any correct difference-in-differences and interrupted time series must do, on random data.</summary>
public class EvaluationPropertyTests
{
    /// <summary>
    /// Random unbalanced panels: 3–10 units × 4–10 periods, unit 0 never treated and unit 1 changing half-way
    /// (so there is always a comparison), the other units changing at a random period or never. Units 0 and
    /// 1 are seen every period (a two-by-two comparison survives whatever else is missing) and every unit at
    /// least once, so the panel is connected; other rows go missing with probability 0.2.
    /// </summary>
    private static readonly Gen<PanelData> Panels =
        Gen.Select(Gen.Int[3, 10], Gen.Int[4, 10], Gen.Int[0, int.MaxValue]).Select((units, periods, seed) => RandomPanel(units, periods, seed, missing: 0.2));

    private static PanelData RandomPanel(int units, int periods, int seed, double missing)
    {
        var random = new Random(seed);
        var start = Enumerable.Range(0, units).Select(u => u switch
        {
            0 => int.MaxValue,
            1 => periods / 2,
            _ => random.Next(2) == 0 ? int.MaxValue : random.Next(1, periods),
        }).ToArray();
        var rows = new List<(int Unit, int Period)>();
        for (var u = 0; u < units; u++)
        {
            var kept = Enumerable.Range(0, periods).Where(_ => random.NextDouble() >= missing).ToList();
            rows.AddRange((u <= 1 || kept.Count == 0 ? Enumerable.Range(0, periods) : kept).Select(p => (u, p)));
        }
        return new PanelData([.. rows.Select(r => r.Unit)], units, [.. rows.Select(r => r.Period)], periods,
            [.. rows.Select(r => r.Period >= start[r.Unit] ? 1.0 : 0.0)], [.. rows.Select(_ => 50 + 10 * random.NextDouble())]);
    }

    private static PanelData WithOutcome(PanelData panel, Func<int, double> outcome) =>
        panel with { Outcome = [.. Enumerable.Range(0, panel.Rows).Select(outcome)] };

    private static void Near(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-8 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    /// <summary>
    /// Standard errors alike. Some random data have an SE that is zero in exact arithmetic (every cluster's
    /// score cancels; a series whose noise is zero on one side of the change); computed, it is the square
    /// root of rounding — up to 1e-7, or NaN where the rounding made the variance negative — and differs
    /// between two correct computations, so below 1e-6 both only need to be that small.
    /// </summary>
    private static void NearSe(double expected, double actual, string what)
    {
        if (!(expected >= 1e-6))
        {
            Assert.True(actual < 1e-6, $"{what}: expected about zero ({expected:R}), got {actual:R}");
            return;
        }
        Near(expected, actual, what);
    }

    [Fact]
    public void Did_is_unchanged_by_a_constant_added_per_unit_or_per_period()
    {
        Gen.Select(Panels, Gen.Double[-100, 100].Array[10], Gen.Double[-100, 100].Array[10]).Sample((panel, perUnit, perPeriod) =>
        {
            var before = DifferenceInDifferences.Fit(panel).Effect;
            var after = DifferenceInDifferences.Fit(WithOutcome(panel, r => panel.Outcome[r] + perUnit[panel.Unit[r]] + perPeriod[panel.Period[r]])).Effect;
            Near(before.Estimate, after.Estimate, "estimate");
            NearSe(before.StandardError, after.StandardError, "SE");
        }, iter: 200);
    }

    [Fact]
    public void Adding_an_effect_to_the_treated_rows_moves_the_estimate_by_it_and_not_the_se()
    {
        Gen.Select(Panels, Gen.Double[-20, 20]).Sample((panel, effect) =>
        {
            var before = DifferenceInDifferences.Fit(panel).Effect;
            var after = DifferenceInDifferences.Fit(WithOutcome(panel, r => panel.Outcome[r] + effect * panel.Treated[r])).Effect;
            Near(before.Estimate + effect, after.Estimate, "estimate");
            NearSe(before.StandardError, after.StandardError, "SE");
        }, iter: 200);
    }

    [Fact]
    public void Did_agrees_with_the_dense_regression_on_every_dummy()
    {
        Panels.Sample(panel =>
        {
            var (estimate, se) = DenseTwoWayFixedEffects(panel);
            var fit = DifferenceInDifferences.Fit(panel).Effect;
            Near(estimate, fit.Estimate, "estimate");
            NearSe(se, fit.StandardError, "SE");
            Assert.Equal(panel.UnitCount - 1, fit.Df);
        }, iter: 100);
    }

    [Fact]
    public void Partialled_out_values_sum_to_zero_in_every_unit_and_period_even_in_a_disconnected_panel()
    {
        Gen.Select(Gen.Int[2, 12], Gen.Int[2, 12], Gen.Int[0, int.MaxValue], Gen.Double[0, 0.7]).Sample((units, periods, seed, missing) =>
        {
            var random = new Random(seed);
            var rows = Enumerable.Range(0, units * periods).Where(_ => random.NextDouble() >= missing).ToList();
            if (rows.Count == 0)
            {
                return;
            }
            int[] unit = [.. rows.Select(r => r / periods)], period = [.. rows.Select(r => r % periods)];
            var effects = new TwoWayFixedEffects(unit, units, period, periods);
            var residual = effects.Residualize([.. rows.Select(_ => random.NextDouble() * 100)]);
            for (var u = 0; u < units; u++)
            {
                Assert.True(Math.Abs(Enumerable.Range(0, rows.Count).Where(r => unit[r] == u).Sum(r => residual[r])) < 1e-9, $"unit {u}");
            }
            for (var p = 0; p < periods; p++)
            {
                Assert.True(Math.Abs(Enumerable.Range(0, rows.Count).Where(r => period[r] == p).Sum(r => residual[r])) < 1e-9, $"period {p}");
            }
            // Partialling out twice changes nothing more.
            Assert.All(effects.Residualize(residual).Zip(residual), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-9));
        }, iter: 300);
    }

    [Fact]
    public void A_panel_in_two_separate_parts_has_one_rank_less()
    {
        // Units 0–1 are seen in periods 0–2 only, units 2–3 in periods 3–5 only.
        int[] unit = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3], period = [0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5];
        var effects = new TwoWayFixedEffects(unit, 4, period, 6);
        Assert.Equal(2, effects.ConnectedParts);
        Assert.Equal(4 + 6 - 2, effects.Rank);
        Assert.Equal(1, new TwoWayFixedEffects(unit.Take(6).ToArray(), 2, period.Take(6).ToArray(), 3).ConnectedParts);
    }

    /// <summary>y ~ treated + unit + period as lm fits it, every dummy a column, and vcovCL's CR1 by its definition.</summary>
    private static (double Estimate, double Se) DenseTwoWayFixedEffects(PanelData panel)
    {
        var k = 1 + panel.UnitCount + panel.PeriodCount - 1; // treated, intercept, units 1…, periods 1…
        var x = Matrix<double>.Build.Dense(panel.Rows, k, (r, c) =>
            c == 0 ? panel.Treated[r]
            : c == 1 ? 1
            : c < 1 + panel.UnitCount ? (panel.Unit[r] == c - 1 ? 1 : 0)
            : (panel.Period[r] == c - panel.UnitCount ? 1 : 0));
        var y = Vector<double>.Build.DenseOfArray(panel.Outcome);
        var qr = x.QR();
        var beta = qr.Solve(y);
        var e = y - x * beta;
        var rInverse = qr.R.SubMatrix(0, k, 0, k).Inverse();
        var bread = rInverse.TransposeAndMultiply(rInverse);
        var meat = Matrix<double>.Build.Dense(k, k);
        for (var g = 0; g < panel.UnitCount; g++)
        {
            var score = Vector<double>.Build.Dense(k);
            for (var r = 0; r < panel.Rows; r++)
            {
                if (panel.Unit[r] == g)
                {
                    score += x.Row(r) * e[r];
                }
            }
            meat += score.OuterProduct(score);
        }
        double n = panel.Rows, clusters = panel.UnitCount;
        var v = bread * meat * bread * (clusters / (clusters - 1) * (n - 1) / (n - k));
        return (beta[0], Math.Sqrt(v[0, 0]));
    }

    [Fact]
    public void Its_recovers_an_exact_segmented_line()
    {
        Gen.Select(Gen.Int[6, 60], Gen.Double[0, 1], Gen.Double[-50, 50].Array[4]).Sample((n, where, line) =>
        {
            var start = 3 + (int)(where * (n - 6));
            var series = Enumerable.Range(0, n).Select(t => line[0] + line[1] * t + (t >= start ? line[2] + line[3] * (t - start) : 0)).ToArray();
            var fit = InterruptedTimeSeries.Fit(series, start);
            Near(line[1], fit.PreSlope.Estimate, "pre slope");
            Near(line[2], fit.LevelChange.Estimate, "level change");
            Near(line[3], fit.SlopeChange.Estimate, "slope change");
            Assert.All(new[] { fit.PreSlope, fit.LevelChange, fit.SlopeChange }, e => Assert.True(e.StandardError < 1e-8, $"SE {e.StandardError} of a noiseless line"));
            Assert.Equal(n, fit.N);
            Assert.Equal(n - 4, fit.PreSlope.Df);
        }, iter: 300);
    }

    [Fact]
    public void Its_estimates_move_with_a_line_added_to_the_series_and_their_ses_do_not()
    {
        Gen.Select(Gen.Double[-10, 10].Array[12, 40], Gen.Double[-5, 5].Array[4]).Sample((noise, line) =>
        {
            var start = noise.Length / 2;
            var shifted = noise.Select((y, t) => y + line[0] + line[1] * t + (t >= start ? line[2] + line[3] * (t - start) : 0)).ToArray();
            var (a, b) = (InterruptedTimeSeries.Fit(noise, start), InterruptedTimeSeries.Fit(shifted, start));
            foreach (var (x, y, added, what) in new[] { (a.PreSlope, b.PreSlope, line[1], "pre slope"), (a.LevelChange, b.LevelChange, line[2], "level"), (a.SlopeChange, b.SlopeChange, line[3], "slope") })
            {
                Near(x.Estimate + added, y.Estimate, what);
                NearSe(x.StandardError, y.StandardError, $"{what} SE");
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData(4, 2, "at least 5 periods")]
    [InlineData(10, 2, "at least 3 periods before the change")]
    [InlineData(10, 8, "at least 3 periods before the change and 3 from its start on")]
    public void Its_refuses_series_too_short_to_estimate(int n, int start, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => InterruptedTimeSeries.Fit(new double[n], start));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Did_refuses_panels_without_a_comparison()
    {
        var panel = RandomPanel(6, 8, seed: 1, missing: 0);
        Assert.Contains("at least 2 units", Assert.Throws<ArgumentException>(() => DifferenceInDifferences.Fit(
            new PanelData(new int[8], 1, [.. Enumerable.Range(0, 8)], 8, [0, 0, 0, 0, 1, 1, 1, 1], new double[8]))).Message, StringComparison.Ordinal);
        Assert.Contains("no row is treated", Assert.Throws<ArgumentException>(() => DifferenceInDifferences.Fit(panel with { Treated = new double[panel.Rows] })).Message, StringComparison.Ordinal);
        // Every unit changing in the same period: treated is a period effect.
        var together = panel with { Treated = [.. panel.Period.Select(p => p >= 4 ? 1.0 : 0.0)] };
        Assert.Contains("explained by the units and periods", Assert.Throws<ArgumentException>(() => DifferenceInDifferences.Fit(together)).Message, StringComparison.Ordinal);
    }
}
