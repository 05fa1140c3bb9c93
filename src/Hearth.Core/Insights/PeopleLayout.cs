namespace Hearth.Core.Insights;

/// <summary>
/// The people and teams as a question reads them, with the groups built from them. The store keeps the last
/// layout: questions reuse it while the database's count of changes to people (<see cref="PeopleChanges"/>) stays
/// put, and when the people are read again but found the same, the groups by team, profession and site (thousands
/// of member lists at 100,000 people) are still taken from it instead of being built again. It also names its
/// snapshot (what a response shown with it records) and keeps the earlier layouts responses were shown with, placed as
/// it places people, for the audit.
/// </summary>
internal sealed class PeopleLayout(List<GroupedPerson> people, List<TeamNode> teams)
{
    private readonly (int, int, int) _fingerprint = Fingerprint(people);
    private readonly Dictionary<(InsightGrouping, string?, string?), (List<InsightGroup>, List<Partition>)> _groups = [];
    private readonly Lock _lock = new();

    public List<GroupedPerson> People { get; } = people;

    public List<TeamNode> Teams { get; } = teams;

    private string? _snapshotId;
    private readonly Dictionary<string, PeopleLayout> _earlier = new(StringComparer.Ordinal);

    /// <summary>The name of these people and teams' snapshot (<see cref="InsightPeopleSnapshot"/>), worked out once.</summary>
    public string SnapshotId
    {
        get
        {
            lock (_lock)
            {
                return _snapshotId ??= InsightPeopleSnapshot.IdOf(People, Teams);
            }
        }
    }

    /// <summary>Whether the snapshot is known to be stored in the database.</summary>
    public bool SnapshotStored { get; set; }

    /// <summary>An earlier layout, placed as this one places people, if it was read before.</summary>
    public PeopleLayout? Earlier(string id)
    {
        lock (_lock)
        {
            return _earlier.GetValueOrDefault(id);
        }
    }

    /// <summary>Keeps an earlier layout read from its snapshot, placed as this one places people.</summary>
    public PeopleLayout RememberEarlier(string id, PeopleLayout earlier)
    {
        // Named as its snapshot, which it is read from (placed, it leaves out people gone since, whose answers are gone too).
        lock (earlier._lock)
        {
            earlier._snapshotId = id;
        }
        lock (_lock)
        {
            return _earlier.TryAdd(id, earlier) ? earlier : _earlier[id];
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

    private readonly Dictionary<(InsightGrouping, string?, string?), HashSet<string>> _differing = [];

    /// <summary>For an earlier layout: the groups of a grouping whose members differ from the current layout's, worked out once.</summary>
    public HashSet<string> Differing((InsightGrouping, string?, string?) grouping, Func<HashSet<string>> build)
    {
        lock (_lock)
        {
            if (_differing.TryGetValue(grouping, out var known))
            {
                return known;
            }
        }
        var keys = build(); // outside the lock: it asks for this layout's groups, which take it
        lock (_lock)
        {
            return _differing.TryAdd(grouping, keys) ? keys : _differing[grouping];
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
