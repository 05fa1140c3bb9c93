using Hearth.Statistics.Anova;

namespace Hearth.Statistics.Mixed;

/// <summary>
/// Repeated-measures data as a mixed model reads it: every subject that has at least one value, with
/// NaN in the slot of a missing wave. Unlike <see cref="RepeatedMeasuresData"/> nobody is excluded for a
/// missing wave; <see cref="SubjectsByCell.ExcludedSubjects"/> lists only subjects with no value at all.
/// </summary>
public sealed class LongData(
    IReadOnlyList<Factor> between,
    IReadOnlyList<Factor> within,
    IReadOnlyList<string> subjects,
    int[] betweenCell,
    double[] values,
    IReadOnlyList<string> excludedSubjects) : SubjectsByCell(between, within, subjects, betweenCell, values, excludedSubjects);
