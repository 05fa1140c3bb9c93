namespace Hearth.Statistics.Mixed;

/// <summary>
/// One measurement in a stepped-wedge trial: a subject of a cluster, in a period, under the condition the
/// cluster was in during that period.
/// </summary>
public sealed record WedgeObservation(string Subject, string Cluster, string Period, string Condition, double Score);

/// <summary>
/// A stepped-wedge trial's long data, checked and indexed for <see cref="SteppedWedgeModel"/>: one row per
/// observation, subjects nested in clusters, any number of observations per subject (missing periods are
/// simply absent), and a condition with exactly two levels, the control one named by the caller.
/// <para>
/// The periods are ordered numerically when every label is a number (months 0, 3, 6, 12: "12" after "6"),
/// otherwise by first appearance in the rows. The first period is the baseline of the period effects; the
/// order changes neither the treatment effect nor any F, only — as in R — the Satterthwaite df of the
/// period test, which depends on the contrasts' basis. Clusters and subjects are labels only.
/// </para>
/// </summary>
public sealed class WedgeData
{
    /// <exception cref="ArgumentException">
    /// The rows are empty or have a score that is not a finite number; the condition has other than two
    /// levels, or none of them is <paramref name="control"/>; a subject is in two clusters; or a cluster has
    /// both conditions in one period.
    /// </exception>
    public WedgeData(IEnumerable<WedgeObservation> observations, string control)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(control);
        var rows = observations as IReadOnlyList<WedgeObservation> ?? [.. observations];
        if (rows.Count == 0)
        {
            throw new ArgumentException("there are no observations", nameof(observations));
        }
        Control = control;
        Intervention = InterventionLevel(rows, control);
        Periods = PeriodOrder.Of(rows.Select(r => r.Period));

        var periodIndex = Periods.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var clusterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var subjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var clusters = new List<string>();
        var subjects = new List<string>();
        var subjectCluster = new List<int>();
        // The condition of every cluster × period seen so far: the cluster's, so it must be one.
        var clusterPeriodTreated = new Dictionary<(int Cluster, int Period), bool>();
        ObservationSubject = new int[rows.Count];
        ObservationPeriod = new int[rows.Count];
        ObservationTreated = new bool[rows.Count];
        Scores = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!double.IsFinite(row.Score))
            {
                throw new ArgumentException($"observation {i + 1} (subject '{row.Subject}', period '{row.Period}') has a score that is not a number: {row.Score}", nameof(observations));
            }
            if (!clusterIndex.TryGetValue(row.Cluster, out var cluster))
            {
                cluster = clusterIndex[row.Cluster] = clusters.Count;
                clusters.Add(row.Cluster);
            }
            if (!subjectIndex.TryGetValue(row.Subject, out var subject))
            {
                subject = subjectIndex[row.Subject] = subjects.Count;
                subjects.Add(row.Subject);
                subjectCluster.Add(cluster);
            }
            else if (subjectCluster[subject] != cluster)
            {
                throw new ArgumentException($"subject '{row.Subject}' is in two clusters, '{clusters[subjectCluster[subject]]}' and '{row.Cluster}': subjects must be nested in clusters (give each cluster's subjects their own ids)", nameof(observations));
            }
            var period = periodIndex[row.Period];
            var treated = row.Condition == Intervention;
            if (clusterPeriodTreated.TryGetValue((cluster, period), out var before) && before != treated)
            {
                throw new ArgumentException($"cluster '{row.Cluster}' has both conditions in period '{row.Period}': the condition is the cluster's in a period, so all its observations in one period share it", nameof(observations));
            }
            clusterPeriodTreated[(cluster, period)] = treated;
            ObservationSubject[i] = subject;
            ObservationPeriod[i] = period;
            ObservationTreated[i] = treated;
            Scores[i] = row.Score;
        }
        Clusters = clusters;
        Subjects = subjects;
        SubjectCluster = [.. subjectCluster];
    }

    /// <summary>The periods in level order; the first is the baseline.</summary>
    public IReadOnlyList<string> Periods { get; }
    public string Control { get; }
    public string Intervention { get; }
    /// <summary>The clusters in order of first appearance.</summary>
    public IReadOnlyList<string> Clusters { get; }
    /// <summary>The subjects in order of first appearance.</summary>
    public IReadOnlyList<string> Subjects { get; }
    public int Observations => Scores.Length;

    /// <summary>Per subject, the index of its cluster.</summary>
    internal int[] SubjectCluster { get; }
    internal int[] ObservationSubject { get; }
    internal int[] ObservationPeriod { get; }
    internal bool[] ObservationTreated { get; }
    internal double[] Scores { get; }

    /// <summary>The condition's other level: exactly two levels, the control one among them.</summary>
    private static string InterventionLevel(IReadOnlyList<WedgeObservation> rows, string control)
    {
        var levels = rows.Select(r => r.Condition).Distinct(StringComparer.Ordinal).ToList();
        var listed = string.Join(", ", levels.Select(l => $"'{l}'"));
        if (levels.Count > 2)
        {
            throw new ArgumentException($"the condition has {levels.Count} levels ({listed}); a stepped wedge compares exactly two, the control and the intervention", nameof(rows));
        }
        if (!levels.Contains(control, StringComparer.Ordinal))
        {
            throw new ArgumentException($"no observation is in the control condition '{control}' (the conditions in the data: {listed})", nameof(control));
        }
        if (levels.Count == 1)
        {
            throw new ArgumentException($"no observation is in an intervention condition: all are in the control condition '{control}'", nameof(rows));
        }
        return levels.Single(l => l != control);
    }
}
