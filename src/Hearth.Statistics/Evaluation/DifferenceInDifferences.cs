namespace Hearth.Statistics.Evaluation;

/// <summary>The effect of the change on the treated units, with the panel's counts.</summary>
public sealed record DifferenceInDifferencesResult(EffectEstimate Effect, int Clusters, int Periods, int Rows);

/// <summary>
/// Difference-in-differences by two-way fixed effects, as R's
/// <c>lm(y ~ treated_post + factor(unit) + factor(period))</c> with <c>sandwich::vcovCL(m, cluster = ~unit,
/// type = "HC1")</c> and t on G − 1 df:
/// <list type="bullet">
/// <item>By Frisch–Waugh–Lovell, β = D̃ᵀỹ / D̃ᵀD̃, where D̃ and ỹ are treated_post and the outcome with
/// the unit and period effects partialled out (<see cref="TwoWayFixedEffects"/>), and the full model's
/// residuals are e = ỹ − βD̃. β's row of (XᵀX)⁻¹Xᵀ is D̃ᵀ / D̃ᵀD̃, so its clustered variance is
/// Σ_g (Σ_{i∈g} D̃ᵢeᵢ)² / (D̃ᵀD̃)², with no need for the other coefficients.</item>
/// <item>CR1 as vcovCL's HC1 applies it: G/(G − 1) × (N − 1)/(N − K), where K is the rank of the whole
/// lm — treated_post, the intercept and every unit and period dummy — not just the one reported
/// coefficient (the usual pitfall when the fixed effects are absorbed).</item>
/// </list>
/// </summary>
public static class DifferenceInDifferences
{
    public static DifferenceInDifferencesResult Fit(PanelData panel)
    {
        if (panel.UnitCount < 2)
        {
            throw new ArgumentException($"difference-in-differences needs at least 2 units to cluster on; there is {panel.UnitCount}");
        }
        if (panel.PeriodCount < 2)
        {
            throw new ArgumentException($"difference-in-differences needs at least 2 periods; there is {panel.PeriodCount}");
        }
        var treatedRows = panel.Treated.Count(d => d != 0);
        if (treatedRows == 0)
        {
            throw new ArgumentException("no row is treated: difference-in-differences needs rows from after a change (treated = 1)");
        }
        if (treatedRows == panel.Rows)
        {
            throw new ArgumentException("every row is treated: difference-in-differences needs comparison rows (treated = 0)");
        }

        var effects = new TwoWayFixedEffects(panel.Unit, panel.UnitCount, panel.Period, panel.PeriodCount);
        var parameters = effects.Rank + 1;
        if (panel.Rows - parameters < 1)
        {
            throw new ArgumentException($"{panel.Rows} rows cannot fit {parameters} parameters (the effect, {panel.UnitCount} units and {panel.PeriodCount} periods) and leave a residual");
        }
        var d = effects.Residualize(panel.Treated);
        var y = effects.Residualize(panel.Outcome);
        var dd = 0.0;
        var dy = 0.0;
        for (var r = 0; r < d.Length; r++)
        {
            dd += d[r] * d[r];
            dy += d[r] * y[r];
        }
        // treated_post that the unit and period effects explain (everyone changing in the same month, or a
        // unit treated throughout) leaves nothing to compare: D̃ is zero up to rounding.
        if (dd <= 1e-10 * treatedRows)
        {
            throw new ArgumentException("treated is explained by the units and periods alone (every unit changing in the same period, or treated in every period): there is no comparison to make");
        }
        var beta = dy / dd;

        var score = new double[panel.UnitCount];
        for (var r = 0; r < d.Length; r++)
        {
            score[panel.Unit[r]] += d[r] * (y[r] - beta * d[r]);
        }
        var meat = score.Sum(s => s * s);
        double g = panel.UnitCount;
        double n = panel.Rows;
        var cr1 = g / (g - 1) * (n - 1) / (n - parameters);
        var se = Math.Sqrt(cr1 * meat) / dd;
        return new DifferenceInDifferencesResult(EffectEstimate.Of(beta, se, g - 1), panel.UnitCount, panel.PeriodCount, panel.Rows);
    }
}
