namespace Hearth.Statistics.Evaluation;

/// <summary>
/// Rows of a unit × period panel (teams by month), one value per row: the unit's and the period's index
/// (0-based), <c>treated_post</c> (1 for a treated unit's rows from its change on, else 0) and the outcome.
/// Rows may be missing (an unbalanced panel) and a unit may have several rows in one period.
/// </summary>
public sealed record PanelData(int[] Unit, int UnitCount, int[] Period, int PeriodCount, double[] Treated, double[] Outcome)
{
    public int Rows => Outcome.Length;
}
