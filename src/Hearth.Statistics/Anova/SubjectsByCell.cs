namespace Hearth.Statistics.Anova;

/// <summary>
/// Repeated measures laid out one row per subject: the subject's between-subjects cell and one slot per
/// within-subjects cell (first factor slowest). What the ANOVA's complete cases and the mixed model's
/// incomplete ones have in common; each says what a slot may hold.
/// </summary>
public abstract class SubjectsByCell
{
    protected SubjectsByCell(
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
}
