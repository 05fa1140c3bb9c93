using Hearth.Statistics.Anova;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// Repeated-measures data as a mixed model reads it: every subject that has at least one value, with
/// its between-subjects cell and one slot per within-subjects cell, NaN where a wave is missing.
/// Unlike <see cref="RepeatedMeasuresData"/> nobody is excluded for a missing wave.
/// </summary>
public sealed class LongData
{
    public LongData(IReadOnlyList<Factor> between, IReadOnlyList<Factor> within, IReadOnlyList<string> subjects, int[] betweenCell, double[] values, IReadOnlyList<string> excludedSubjects)
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
            throw new ArgumentException("one between cell and one slot per within cell are needed for every subject");
        }
    }

    public IReadOnlyList<Factor> Between { get; }
    public IReadOnlyList<Factor> Within { get; }
    public IReadOnlyList<string> Subjects { get; }
    public int[] BetweenCell { get; }
    /// <summary>Row-major: subject i's value in within cell w is at i × WithinCells + w; NaN when missing.</summary>
    public double[] Values { get; }
    /// <summary>Subjects with no value at all (they carry no information for the model).</summary>
    public IReadOnlyList<string> ExcludedSubjects { get; }
    public int BetweenCells { get; }
    public int WithinCells { get; }
    public int SubjectCount => Subjects.Count;
}
