namespace Hearth.Statistics.Anova;

/// <summary>A factor and its levels, in the order they are reported.</summary>
public sealed record Factor(string Name, IReadOnlyList<string> Levels);

/// <summary>
/// Complete-case repeated-measures data: for each included subject, its between-subjects cell and
/// one value per within-subjects cell. Cells are numbered with the first factor varying slowest.
/// Subjects missing any within cell are held apart in <see cref="ExcludedSubjects"/>; a model that
/// keeps them (a mixed model) would read the same data before exclusion.
/// </summary>
public sealed class RepeatedMeasuresData(
    IReadOnlyList<Factor> between,
    IReadOnlyList<Factor> within,
    IReadOnlyList<string> subjects,
    int[] betweenCell,
    double[] values,
    IReadOnlyList<string> excludedSubjects) : SubjectsByCell(between, within, subjects, betweenCell, values, excludedSubjects)
{
    public ReadOnlySpan<double> Row(int subject) => Values.AsSpan(subject * WithinCells, WithinCells);

    /// <summary>The level index of every factor for a cell number (first factor slowest).</summary>
    public static int[] LevelsOf(int cell, IReadOnlyList<Factor> factors)
    {
        var levels = new int[factors.Count];
        for (var f = factors.Count - 1; f >= 0; f--)
        {
            var count = factors[f].Levels.Count;
            levels[f] = cell % count;
            cell /= count;
        }
        return levels;
    }

    /// <summary>The cell number of a combination of level indexes (first factor slowest).</summary>
    public static int CellOf(ReadOnlySpan<int> levels, IReadOnlyList<Factor> factors)
    {
        var cell = 0;
        for (var f = 0; f < factors.Count; f++)
        {
            cell = cell * factors[f].Levels.Count + levels[f];
        }
        return cell;
    }
}
