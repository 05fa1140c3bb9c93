namespace Hearth.Core.Insights;

/// <summary>
/// A figure the dashboard would show: the answers behind it (one per person, by measurement id) and the
/// people they belong to. Its mean is their sum divided by their count, so every figure shown is one
/// linear equation in the people's answers; that is what an attacker differences.
/// </summary>
/// <param name="Key">Names the figure within a response (a team, a profession, a month of one of them).</param>
/// <param name="Answers">Measurement id → person, one entry per person counted.</param>
public sealed record Figure(string Key, IReadOnlyDictionary<long, string> Answers)
{
    public int People => Answers.Count;
}

/// <summary>A group shown with its parts: the people of <paramref name="Whole"/> that no shown part covers must be none or at least k.</summary>
public sealed record Partition(string Whole, IReadOnlyList<string> Parts);

/// <summary>Why a figure is not shown. The page words these; never a number.</summary>
public enum SuppressionReason
{
    /// <summary>Fewer than k people answered.</summary>
    TooFew,
    /// <summary>Shown beside its parent and siblings, it would leave fewer than k people by subtraction.</summary>
    Subtraction,
    /// <summary>Together with a wider group (an unfiltered team, say) it would single out fewer than k people.</summary>
    Segment,
    /// <summary>Against a period shown before, it would isolate fewer than k people who answered in one but not the other.</summary>
    Period,
}

/// <summary>
/// Decides which figures a response may show. Rules run in this order and repeat until nothing changes:
/// <list type="number">
/// <item>k: no figure from fewer than k people;</item>
/// <item>remainders: for each partition, the whole's people not covered by a shown part are none or at
/// least k, otherwise the smallest shown part is suppressed as well (complementary suppression);</item>
/// <item>an audit of everything the figures let anyone derive, together with the figures of earlier
/// responses and the wider groups a filtered response could be compared with. Each figure is a sum over
/// its people; the audit keeps the reduced row-echelon form of all sums shown and refuses a figure whose
/// addition makes some derivable sum cover fewer than k people. A single person's answer can be derived
/// exactly when some row of that form is one answer alone, so no one is ever singled out, however the
/// figures are combined (the differencing attack of Denning and Schlörer; the audit is Chin and Özsoyoğlu's).</item>
/// </list>
/// Big figures are admitted first, so it is the small ones that give way.
/// </summary>
public sealed class DisclosureControl(int k)
{
    /// <summary>Figures seen before, and the wider figures a filtered response could be set against.</summary>
    /// <param name="Figures">Already known to the viewer (earlier responses) or knowable (the unfiltered counterparts).</param>
    /// <param name="Reason">What to say when a figure fails only because of these.</param>
    public sealed record Context(IReadOnlyList<Figure> Figures, SuppressionReason Reason);

    public int K { get; } = k >= 1 ? k : throw new ArgumentOutOfRangeException(nameof(k), k, "k is at least 1");

    /// <returns>The suppressed figures' keys with their reasons; every other figure may be shown.</returns>
    public IReadOnlyDictionary<string, SuppressionReason> Decide(IReadOnlyList<Figure> figures, IReadOnlyList<Partition> partitions, IReadOnlyList<Context> contexts)
    {
        var byKey = figures.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var suppressed = new Dictionary<string, SuppressionReason>(StringComparer.Ordinal);
        foreach (var figure in figures.Where(f => f.People < K))
        {
            suppressed[figure.Key] = SuppressionReason.TooFew;
        }
        while (true)
        {
            ProtectRemainders(byKey, partitions, suppressed);
            var refused = Audit(figures.Where(f => !suppressed.ContainsKey(f.Key)).ToList(), contexts);
            if (refused.Count == 0)
            {
                return suppressed;
            }
            foreach (var (key, reason) in refused)
            {
                suppressed[key] = reason;
            }
        }
    }

    private void ProtectRemainders(Dictionary<string, Figure> figures, IReadOnlyList<Partition> partitions, Dictionary<string, SuppressionReason> suppressed)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var partition in partitions)
            {
                if (!figures.TryGetValue(partition.Whole, out var whole))
                {
                    continue;
                }
                var shown = partition.Parts.Where(p => figures.ContainsKey(p) && !suppressed.ContainsKey(p)).Select(p => figures[p]).ToList();
                var covered = shown.SelectMany(p => p.Answers.Values).ToHashSet(StringComparer.Ordinal);
                var remainder = whole.Answers.Values.Distinct(StringComparer.Ordinal).Count(person => !covered.Contains(person));
                if (remainder > 0 && remainder < K && shown.Count > 0)
                {
                    var next = shown.OrderBy(p => p.People).ThenBy(p => p.Key, StringComparer.Ordinal).First();
                    suppressed[next.Key] = SuppressionReason.Subtraction;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>
    /// The figures (largest first) that would let a group of fewer than k be derived, with why. A refused
    /// figure is taken out again before the next is tried, so one pass gives what refusing them one at a
    /// time would.
    /// </summary>
    private List<(string Key, SuppressionReason Reason)> Audit(IReadOnlyList<Figure> figures, IReadOnlyList<Context> contexts)
    {
        var admitted = figures.OrderByDescending(f => f.People).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
        var refused = new List<(string, SuppressionReason)>();
        // First against this response alone, then adding each context in turn, so the reason names what it was combined with.
        var known = new List<Figure>();
        var phases = contexts.Select(c => (c.Figures, c.Reason)).Prepend(([], SuppressionReason.Subtraction));
        foreach (var (figuresKnown, reason) in phases)
        {
            known.AddRange(figuresKnown);
            var refusedNow = Refused(admitted, known);
            refused.AddRange(refusedNow.Select(key => (key, reason)));
            admitted = [.. admitted.Where(f => !refusedNow.Contains(f.Key))];
        }
        return refused;
    }

    private HashSet<string> Refused(IReadOnlyList<Figure> figures, IReadOnlyList<Figure> known)
    {
        var atoms = Atoms.Of([.. known, .. figures]);
        var echelon = new Echelon(atoms, K);
        // What was known is admitted as it is: it has been seen, whatever it reveals.
        foreach (var figure in known)
        {
            echelon.Add(atoms.Vector(figure));
        }
        var revealed = echelon.SmallGroups();
        var refused = new HashSet<string>(StringComparer.Ordinal);
        foreach (var figure in figures)
        {
            var undo = echelon.Add(atoms.Vector(figure));
            if (undo.Changed.Any(row => echelon.SmallGroupOf(row) is { } group && !revealed.Contains(group)))
            {
                echelon.Undo(undo);
                refused.Add(figure.Key);
            }
        }
        return refused;
    }

    /// <summary>
    /// The answers grouped by the figures they appear in: answers in exactly the same figures can never be
    /// told apart, so the algebra runs over these groups (a few per team) rather than over every answer.
    /// </summary>
    private sealed class Atoms
    {
        private readonly Dictionary<long, int> _atomOf = [];
        public List<HashSet<string>> PeopleOf { get; } = [];
        /// <summary>The most answers any one person has among the figures: a row over atoms holding s answers covers at least s / this many people.</summary>
        public int MostAnswersPerPerson { get; private set; } = 1;

        public static Atoms Of(List<Figure> figures)
        {
            var signature = new Dictionary<long, List<int>>();
            var person = new Dictionary<long, string>();
            for (var i = 0; i < figures.Count; i++)
            {
                foreach (var (answer, who) in figures[i].Answers)
                {
                    if (!signature.TryGetValue(answer, out var list))
                    {
                        signature[answer] = list = [];
                        person[answer] = who;
                    }
                    list.Add(i);
                }
            }
            var atoms = new Atoms();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (answer, list) in signature)
            {
                var key = string.Join(',', list);
                if (!index.TryGetValue(key, out var atom))
                {
                    index[key] = atom = atoms.PeopleOf.Count;
                    atoms.PeopleOf.Add(new HashSet<string>(StringComparer.Ordinal));
                }
                atoms._atomOf[answer] = atom;
                atoms.PeopleOf[atom].Add(person[answer]);
            }
            atoms.MostAnswersPerPerson = Math.Max(1, person.Values.GroupBy(p => p, StringComparer.Ordinal).Select(g => g.Count()).DefaultIfEmpty(1).Max());
            return atoms;
        }

        public double[] Vector(Figure figure)
        {
            var v = new double[PeopleOf.Count];
            foreach (var answer in figure.Answers.Keys)
            {
                v[_atomOf[answer]] = 1;
            }
            return v;
        }
    }

    /// <summary>A row addition that can be taken back: the rows it changed, as they were, and whether it added one.</summary>
    private sealed record Addition(IReadOnlyList<int> Changed, IReadOnlyList<(int Row, double[] Before)> Saved, bool Appended);

    /// <summary>A reduced row-echelon form kept as rows are added (and taken back when refused).</summary>
    private sealed class Echelon(Atoms atoms, int k)
    {
        private const double Zero = 1e-9;
        private readonly List<(int Pivot, double[] Row)> _rows = [];

        public Addition Add(double[] v)
        {
            foreach (var (pivot, row) in _rows)
            {
                if (Math.Abs(v[pivot]) > Zero)
                {
                    Subtract(v, row, v[pivot]);
                }
            }
            var lead = Array.FindIndex(v, x => Math.Abs(x) > Zero);
            if (lead < 0)
            {
                return new Addition([], [], false); // already derivable from what is shown: adds nothing
            }
            var scale = v[lead];
            for (var j = 0; j < v.Length; j++)
            {
                v[j] /= scale;
            }
            var changed = new List<int>();
            var saved = new List<(int, double[])>();
            for (var r = 0; r < _rows.Count; r++)
            {
                var row = _rows[r].Row;
                if (Math.Abs(row[lead]) > Zero)
                {
                    saved.Add((r, (double[])row.Clone()));
                    Subtract(row, v, row[lead]);
                    changed.Add(r);
                }
            }
            _rows.Add((lead, v));
            changed.Add(_rows.Count - 1);
            return new Addition(changed, saved, true);
        }

        public void Undo(Addition addition)
        {
            if (addition.Appended)
            {
                _rows.RemoveAt(_rows.Count - 1);
            }
            foreach (var (row, before) in addition.Saved)
            {
                _rows[row] = (_rows[row].Pivot, before);
            }
        }

        private static void Subtract(double[] target, double[] row, double times)
        {
            for (var j = 0; j < target.Length; j++)
            {
                if (row[j] != 0)
                {
                    target[j] -= times * row[j];
                    if (Math.Abs(target[j]) <= Zero)
                    {
                        target[j] = 0;
                    }
                }
            }
        }

        /// <summary>
        /// The group of fewer than k people whose total row <paramref name="r"/> of the form is, or null: a
        /// total anyone can derive from the figures. One person alone is always found this way, whatever the
        /// order of the columns, because an answer is derivable exactly when a row is that answer alone.
        /// </summary>
        public string? SmallGroupOf(int r)
        {
            var row = _rows[r].Row;
            // Cheap first: a row over atoms of many people in all cannot cover fewer than k of them.
            var answers = 0;
            for (var j = 0; j < row.Length; j++)
            {
                if (row[j] != 0)
                {
                    answers += atoms.PeopleOf[j].Count;
                }
            }
            if (answers >= k * atoms.MostAnswersPerPerson)
            {
                return null;
            }
            var people = new SortedSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < row.Length; j++)
            {
                if (row[j] != 0)
                {
                    people.UnionWith(atoms.PeopleOf[j]);
                }
            }
            return people.Count < k ? string.Join('\n', people) : null;
        }

        public HashSet<string> SmallGroups() =>
            [.. Enumerable.Range(0, _rows.Count).Select(SmallGroupOf).OfType<string>()];
    }
}
