namespace Hearth.Statistics.Anova;

/// <summary>A factor and its levels, in the order they are reported.</summary>
public sealed record Factor(string Name, IReadOnlyList<string> Levels);

/// <summary>
/// Complete-case repeated-measures data: for each included subject, its between-subjects cell and
/// one value per within-subjects cell. Cells are numbered with the first factor varying slowest.
/// Subjects missing any within cell are held apart in <see cref="ExcludedSubjects"/>; a model that
/// keeps them (a mixed model) would read the same data before exclusion.
/// </summary>
public sealed class RepeatedMeasuresData
{
    public RepeatedMeasuresData(
        IReadOnlyList<Factor> between,
        IReadOnlyList<Factor> within,
        IReadOnlyList<string> subjects,
        int[] betweenCell,
        double[] values,
        IReadOnlyList<string> excludedSubjects)
    {
        if (within.Count == 0)
        {
            throw new ArgumentException("a repeated-measures design needs at least one within-subjects factor", nameof(within));
        }
        Between = between;
        Within = within;
        Subjects = subjects;
        BetweenCell = betweenCell;
        Values = values;
        ExcludedSubjects = excludedSubjects;
        BetweenCells = between.Aggregate(1, (n, f) => n * f.Levels.Count);
        WithinCells = within.Aggregate(1, (n, f) => n * f.Levels.Count);
        if (values.Length != subjects.Count * WithinCells || betweenCell.Length != subjects.Count)
        {
            throw new ArgumentException("one between cell and one value per within cell are needed for every subject");
        }
    }

    public IReadOnlyList<Factor> Between { get; }
    public IReadOnlyList<Factor> Within { get; }
    public IReadOnlyList<string> Subjects { get; }
    /// <summary>The between-subjects cell of each subject.</summary>
    public int[] BetweenCell { get; }
    /// <summary>Row-major: subject i's value in within cell w is at i × WithinCells + w.</summary>
    public double[] Values { get; }
    public IReadOnlyList<string> ExcludedSubjects { get; }
    public int BetweenCells { get; }
    public int WithinCells { get; }
    public int SubjectCount => Subjects.Count;

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
