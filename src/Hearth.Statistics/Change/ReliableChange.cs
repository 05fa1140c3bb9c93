namespace Hearth.Statistics.Change;

public enum ChangeDirection
{
    Improved,
    Unchanged,
    Deteriorated,
}

/// <summary>Normative means and SDs of a clinical and a functional population, for criterion c.</summary>
public sealed record Norms(double ClinicalMean, double ClinicalSd, double FunctionalMean, double FunctionalSd);

public sealed record ReliableChangeResult(
    string Subject,
    double Before,
    double After,
    double Rci,
    ChangeDirection Change,
    bool? ClinicallySignificant);

/// <summary>
/// Jacobson &amp; Truax (1991). SE of measurement = SD₁ √(1 − r); S_diff = √(2 SE²);
/// RCI = (x₂ − x₁) / S_diff; |RCI| &gt; 1.96 is a reliable change (two-sided 5%), its sign read
/// against the measure's direction. Criterion c = (SD₀ M₁ + SD₁ M₀) / (SD₀ + SD₁), the point between
/// the clinical (0) and functional (1) means weighted by their SDs; a change is clinically
/// significant when it is reliable and moves the score across c to the functional side.
/// </summary>
public static class ReliableChange
{
    public const double Critical = 1.959963984540054;

    public static double StandardErrorOfDifference(double baselineSd, double reliability)
    {
        if (reliability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reliability), reliability, "reliability must lie strictly between 0 and 1");
        }
        var sem = baselineSd * Math.Sqrt(1 - reliability);
        return Math.Sqrt(2 * sem * sem);
    }

    public static double CriterionC(Norms norms) =>
        (norms.ClinicalSd * norms.FunctionalMean + norms.FunctionalSd * norms.ClinicalMean) / (norms.ClinicalSd + norms.FunctionalSd);

    public static ReliableChangeResult Assess(string subject, double before, double after, double sDiff, bool higherIsBetter, Norms? norms = null)
    {
        var rci = (after - before) / sDiff;
        var reliable = Math.Abs(rci) > Critical;
        var better = higherIsBetter ? rci > 0 : rci < 0;
        var change = !reliable ? ChangeDirection.Unchanged : better ? ChangeDirection.Improved : ChangeDirection.Deteriorated;
        bool? clinical = null;
        if (norms is not null)
        {
            var c = CriterionC(norms);
            var crossed = higherIsBetter ? before < c && after >= c : before > c && after <= c;
            clinical = change == ChangeDirection.Improved && crossed;
        }
        return new ReliableChangeResult(subject, before, after, rci, change, clinical);
    }
}
