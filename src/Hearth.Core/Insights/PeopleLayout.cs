namespace Hearth.Core.Insights;

/// <summary>
/// The people and teams as a question reads them, with the groups built from them. The store keeps the last
/// layout: questions reuse it while the database's count of changes to people (<see cref="PeopleChanges"/>) stays
/// put, and when the people are read again but found the same, the groups by team, profession and site (thousands
/// of member lists at 100,000 people) are still taken from it instead of being built again.
/// </summary>
internal sealed class PeopleLayout(List<GroupedPerson> people, List<TeamNode> teams)
{
    private readonly (int, int, int) _fingerprint = Fingerprint(people);
    private readonly Dictionary<(InsightGrouping, string?, string?), (List<InsightGroup>, List<Partition>)> _groups = [];
    private readonly Lock _lock = new();

    public List<GroupedPerson> People { get; } = people;

    public List<TeamNode> Teams { get; } = teams;

    private (string Id, byte[] People)? _snapshot;
    private readonly Dictionary<string, PeopleLayout> _earlier = new(StringComparer.Ordinal);

    /// <summary>These people and teams as a snapshot, and its name (made once, when a response is first recorded or compared).</summary>
    public (string Id, byte[] People) Snapshot
    {
        get
        {
            lock (_lock)
            {
                return _snapshot ??= InsightPeopleSnapshot.Of(People, Teams);
            }
        }
    }

    /// <summary>Whether <see cref="Snapshot"/> is known to be stored in the database (set once a response recorded with it commits).</summary>
    public bool SnapshotStored { get; set; }

    /// <summary>An earlier layout, placed as this one places people, read from its snapshot once.</summary>
    public PeopleLayout Earlier(string id, byte[] people)
    {
        lock (_lock)
        {
            if (!_earlier.TryGetValue(id, out var earlier))
            {
                _earlier[id] = earlier = InsightPeopleSnapshot.Read(people, this);
            }
            return earlier;
        }
    }

    /// <summary>An earlier layout already read, or null.</summary>
    public PeopleLayout? Earlier(string id)
    {
        lock (_lock)
        {
            return _earlier.GetValueOrDefault(id);
        }
    }

    /// <summary>The database's count of changes to people when they were last read as these (set under the store's lock).</summary>
    public long Version { get; set; } = -1;

    /// <summary>Whether a new read found exactly these people (in the same order, with the same team, profession, site and status) and these teams.</summary>
    /// <remarks>
    /// Compared by fingerprint: the new read is fingerprinted while it is still in the cache, and the old one
    /// is not walked again (comparing 100,000 records field by field cost a tenth of a question).
    /// </remarks>
    public bool Matches(List<GroupedPerson> people, List<TeamNode> teams) => Fingerprint(people) == _fingerprint && Teams.SequenceEqual(teams);

    /// <summary>
    /// Every field of every person, in order, in two independently salted 32-bit hashes of their bytes (not of
    /// the strings' own 32-bit hash codes, which would collide together) and the count: two different reads
    /// share all three with odds of about one in 10^19 within one process.
    /// </summary>
    private static (int, int, int) Fingerprint(List<GroupedPerson> people)
    {
        var (first, second) = (new HashCode(), new HashCode());
        first.Add(0x51A7);
        second.Add(0x2C0FFEE);
        foreach (var person in people)
        {
            Add(ref first, person);
            Add(ref second, person);
        }
        return (people.Count, first.ToHashCode(), second.ToHashCode());

        static void Add(ref HashCode hash, GroupedPerson person)
        {
            AddText(ref hash, person.UserId);
            hash.Add(person.TeamId ?? -1);
            AddText(ref hash, person.Profession);
            AddText(ref hash, person.Site);
            hash.Add(person.Active);
        }

        static void AddText(ref HashCode hash, string? text)
        {
            hash.Add(text?.Length ?? -1); // the length first, so "ab" + "c" and "a" + "bc" differ
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes((text ?? "").AsSpan()));
        }
    }

    /// <summary>A grouping's groups and partitions, built once (questions may ask at the same time, so under a lock).</summary>
    public (List<InsightGroup> Groups, List<Partition> Partitions) Groups((InsightGrouping, string?, string?) grouping, Func<(List<InsightGroup>, List<Partition>)> build)
    {
        lock (_lock)
        {
            if (!_groups.TryGetValue(grouping, out var built))
            {
                _groups[grouping] = built = build();
            }
            return built;
        }
    }
}
