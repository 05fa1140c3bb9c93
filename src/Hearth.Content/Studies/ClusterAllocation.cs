namespace Hearth.Content.Studies;

/// <summary>
/// Allocation by cluster (a team, a ward): whole clusters go to an arm, in permuted order so that the arms
/// receive clusters in proportion to their weights, and everyone in a cluster follows it.
/// </summary>
public static class ClusterAllocation
{
    /// <returns>Cluster id → arm. Clusters are sorted by id first, so the result does not depend on listing order.</returns>
    public static IReadOnlyDictionary<string, string> Allocate(IEnumerable<string> clusters, IReadOnlyList<ArmWeight> arms, ulong seed)
    {
        var ordered = clusters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var allocator = new Allocator(new AllocationDesign(AllocationMethod.PermutedBlocks, arms, seed, BlockMultiples: [1]));
        return ordered.ToDictionary(c => c, c => allocator.Allocate(new AllocationSubject(c, new Dictionary<string, string>())).Arm, StringComparer.Ordinal);
    }
}

/// <summary>
/// A stepped-wedge schedule: every cluster starts in the control condition and crosses to the
/// intervention at one step, in random order, with the clusters spread as evenly as possible over the
/// steps; once crossed, a cluster stays. Period 0 is the baseline, when no cluster has crossed.
/// </summary>
public sealed class SteppedWedge
{
    private SteppedWedge(IReadOnlyDictionary<string, int> crossing, int steps)
    {
        Crossing = crossing;
        Steps = steps;
    }

    /// <summary>Cluster id → the period (1…Steps) from which it receives the intervention.</summary>
    public IReadOnlyDictionary<string, int> Crossing { get; }
    public int Steps { get; }

    public static SteppedWedge Schedule(IEnumerable<string> clusters, int steps, ulong seed)
    {
        var ordered = clusters.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (steps < 1 || steps > ordered.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"between 1 and the number of clusters ({ordered.Count}) steps");
        }
        SeededRandom.For(seed, "stepped-wedge").Shuffle(ordered);
        // Step k gets clusters k, k + steps, …: counts differ by at most one, the larger groups first.
        var crossing = ordered.Select((c, i) => (c, Step: i % steps + 1)).ToDictionary(x => x.c, x => x.Step, StringComparer.Ordinal);
        return new SteppedWedge(crossing, steps);
    }

    /// <summary>Whether the cluster receives the intervention in a period (0 = baseline … Steps).</summary>
    public bool InIntervention(string cluster, int period) => period >= Crossing[cluster];
}
