using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hearth.Core.Insights;

/// <summary>
/// A figure the dashboard would show: the answers behind it, one per person counted. Its mean is their sum
/// divided by their count, so every figure shown is one linear equation in the people's answers; that is
/// what an attacker differences. Answers and people are numbers shared by every figure of one decision
/// (people numbered from 0; answers by their place in the month cells, with gaps: see AnswerBook), so the
/// audit can work in arrays rather than dictionaries.
/// </summary>
/// <param name="Key">Names the figure within a response (a team, a profession, a month of one of them).</param>
/// <param name="Answers">The answers counted.</param>
/// <param name="Persons">Whose each answer is: <c>Persons[i]</c> gave <c>Answers[i]</c>; no one twice.</param>
public sealed record Figure(string Key, int[] Answers, int[] Persons)
{
    public int People => Answers.Length;

    /// <summary>
    /// Which answers the figure counts, as its size and two independent 64-bit sums of mixed answer numbers
    /// (order does not matter, so nothing is sorted or copied). Two different figures share all three with
    /// odds of about one in 10^38; if they did, one would be left out of the audit. Computed once: one
    /// question meets the same figure in its own response and in earlier ones.
    /// </summary>
    internal (int Size, ulong First, ulong Second) Identity => _identity ??= IdentityOf(Answers);

    private (int, ulong, ulong)? _identity;

    /// <summary>A copy made with <c>with</c> may count other answers, so it works its identity out afresh.</summary>
    private Figure(Figure original) => (Key, Answers, Persons) = (original.Key, original.Answers, original.Persons);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int, ulong, ulong) IdentityOf(int[] answers)
    {
        ulong first = 0, second = 0;
        foreach (var answer in answers)
        {
            first += SplitMix.Mix((ulong)answer + 0x243F6A8885A308D3UL);
            second += SplitMix.Mix(((ulong)answer * 0x9E3779B97F4A7C15UL) ^ 0x13198A2E03707344UL);
        }
        return (answers.Length, first, second);
    }
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
        var marks = new Marks(figures.Concat(contexts.SelectMany(c => c.Figures)).Select(f => f.Persons.Length == 0 ? 0 : f.Persons.Max() + 1).DefaultIfEmpty(0).Max());
        while (true)
        {
            ProtectRemainders(byKey, partitions, suppressed, marks);
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

    private void ProtectRemainders(Dictionary<string, Figure> figures, IReadOnlyList<Partition> partitions, Dictionary<string, SuppressionReason> suppressed, Marks marks)
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
                if (shown.Count == 0)
                {
                    continue;
                }
                marks.Next();
                foreach (var part in shown)
                {
                    marks.SetAll(part.Persons);
                }
                var remainder = 0;
                foreach (var person in whole.Persons)
                {
                    remainder += marks.Set(person) ? 1 : 0; // counts each uncovered person once, marking them as it goes
                }
                if (remainder > 0 && remainder < K)
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
            if (figuresKnown.Count == 0 && known.Count > 0)
            {
                continue; // nothing new to combine with: the last phase's answer stands
            }
            known.AddRange(figuresKnown);
            var refusedNow = Refused(admitted, known);
            refused.AddRange(refusedNow.Select(key => (key, reason)));
            admitted = [.. admitted.Where(f => !refusedNow.Contains(f.Key))];
        }
        return refused;
    }

    private HashSet<string> Refused(List<Figure> candidates, List<Figure> known)
    {
        // A figure already known counts the same answers as a row already in the form: it adds nothing and
        // cannot be refused, so it is not grouped into atoms again (a question meets its organisation's
        // monthly figures, a million answers, in every earlier response too).
        var seen = known.Count == 0 ? [] : known.Select(f => f.Identity).ToHashSet();
        var figures = candidates.Where(f => !seen.Contains(f.Identity)).ToList();
        if (figures.Count == 0)
        {
            return [];
        }
        var all = new List<Figure>(known.Count + figures.Count);
        all.AddRange(known);
        all.AddRange(figures);
        using var atoms = Atoms.Of(all);
        var echelon = new Echelon(atoms, K);
        // What was known is admitted as it is: it has been seen, whatever it reveals.
        for (var i = 0; i < known.Count; i++)
        {
            echelon.Add(atoms.Vector(i));
        }
        // A small group's total that what was known already gave may appear again; any other may not. Asked of the
        // total itself, not of the people in it: another total over the same few people (one of their answers
        // rather than the sum of two) is new, and may single one out. The form of what was known is kept to ask.
        var knownAlone = echelon.Copy();
        bool KnownBefore(int row) => knownAlone.Spans(echelon.Row(row));
        var refused = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < figures.Count; i++)
        {
            var undo = echelon.Add(atoms.Vector(known.Count + i));
            if (undo.Changed.Any(row => echelon.IsSmallGroup(row) && !KnownBefore(row)))
            {
                echelon.Undo(undo);
                refused.Add(figures[i].Key);
            }
        }
        return refused;
    }

    /// <summary>A set of people (or answers) cleared in O(1) between uses: a mark is current when it equals the stamp.</summary>
    private sealed class Marks(int size)
    {
        private readonly int[] _stamp = new int[size];
        private int _now;

        public void Next() => _now++;

        /// <summary>Marks <paramref name="i"/>; true when it was not marked yet.</summary>
        public bool Set(int i)
        {
            if (_stamp[i] == _now)
            {
                return false;
            }
            _stamp[i] = _now;
            return true;
        }

        public void SetAll(int[] items)
        {
            foreach (var i in items)
            {
                _stamp[i] = _now;
            }
        }
    }

    /// <summary>
    /// The answers grouped by the figures they appear in: answers in exactly the same figures can never be
    /// told apart, so the algebra runs over these groups (a few per team) rather than over every answer.
    /// An answer's figures are summed up in two independent 64-bit hashes of the figures' positions, so a
    /// million answers are grouped with array work; two different sets of figures share both hashes with
    /// odds of about one in 10^38. The per-answer arrays are borrowed (a question groups millions of
    /// answers twice or three times; fresh arrays would leave the collector hundreds of megabytes).
    /// </summary>
    private sealed class Atoms : IDisposable
    {
        private readonly List<Figure> _figures;
        private readonly int[] _atomOf; // by answer number less _lowest
        private readonly int _lowest;
        private int[] _people = [];       // every atom's people (each once), atom after atom
        private int[] _peopleStart = [0]; // where each atom's people start in _people; one more entry than atoms
        private Marks _seen = new(0);

        private Atoms(List<Figure> figures, int lowest, int answers)
        {
            (_figures, _lowest) = (figures, lowest);
            _atomOf = ArrayPool<int>.Shared.Rent(answers);
        }

        public void Dispose() => ArrayPool<int>.Shared.Return(_atomOf);

        public int Count => AnswersOf.Count;

        /// <summary>An atom's people (each once).</summary>
        public ReadOnlySpan<int> PeopleOf(int atom) => _people.AsSpan(_peopleStart[atom], _peopleStart[atom + 1] - _peopleStart[atom]);

        /// <summary>Each atom's number of answers.</summary>
        public List<int> AnswersOf { get; } = [];
        /// <summary>For each atom, the position of the last figure that holds it: a pivot there is disturbed last.</summary>
        public List<int> LastFigureOf { get; } = [];
        /// <summary>The most answers any one person has among the figures: a row over atoms holding s answers covers at least s / this many people.</summary>
        public int MostAnswersPerPerson { get; private set; } = 1;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static Atoms Of(List<Figure> figures)
        {
            // Answer numbers need not be dense (see AnswerBook), nor start at 0: the per-answer arrays span only the numbers used.
            var (lowest, highest, persons, sorted) = (int.MaxValue, -1, 0, true);
            foreach (var figure in figures)
            {
                foreach (var answer in figure.Answers)
                {
                    (lowest, highest) = (Math.Min(lowest, answer), Math.Max(highest, answer));
                }
                var people = figure.Persons;
                for (var j = 0; j < people.Length; j++)
                {
                    persons = Math.Max(persons, people[j] + 1);
                    sorted &= j == 0 || people[j - 1] < people[j];
                }
            }
            lowest = Math.Min(lowest, highest);
            var size = highest - lowest + 1;
            var atoms = new Atoms(figures, lowest, size);
            var first = ArrayPool<ulong>.Shared.Rent(size);
            var second = ArrayPool<ulong>.Shared.Rent(size);
            var personOf = ArrayPool<int>.Shared.Rent(size);
            var lastFigure = ArrayPool<int>.Shared.Rent(size);
            try
            {
                Array.Clear(first, 0, size);
                Array.Clear(second, 0, size);
                Array.Fill(personOf, -1, 0, size);
                if (sorted)
                {
                    HashInBlocks(figures, lowest, persons, first, second, personOf, lastFigure);
                }
                else
                {
                    for (var i = 0; i < figures.Count; i++)
                    {
                        Hash(figures[i], i, 0, figures[i].Answers.Length, lowest, first, second, personOf, lastFigure);
                    }
                }
                var index = new Dictionary<(ulong, ulong), int>();
                var answersOfPerson = new int[persons];
                // A small direct-mapped cache in front of the dictionary: a person's answers fall in a few
                // atoms (one per month), repeated person after person, so nearly every lookup hits it.
                Span<(ulong First, ulong Second, int Atom)> recent = stackalloc (ulong, ulong, int)[RecentAtoms];
                recent.Fill((0, 0, -1));
                for (var a = 0; a < size; a++)
                {
                    if (personOf[a] < 0)
                    {
                        atoms._atomOf[a] = -1;
                        continue;
                    }
                    ref var cached = ref recent[(int)((first[a] ^ second[a]) & (RecentAtoms - 1))];
                    if (cached.Atom < 0 || cached.First != first[a] || cached.Second != second[a])
                    {
                        if (!index.TryGetValue((first[a], second[a]), out var found))
                        {
                            index[(first[a], second[a])] = found = atoms.AnswersOf.Count;
                            atoms.AnswersOf.Add(0);
                            atoms.LastFigureOf.Add(lastFigure[a]); // the same for all its answers: they are in the same figures
                        }
                        cached = (first[a], second[a], found);
                    }
                    var lastAtom = cached.Atom;
                    atoms._atomOf[a] = lastAtom;
                    atoms.AnswersOf[lastAtom]++;
                    answersOfPerson[personOf[a]]++;
                }
                atoms.GatherPeople(personOf, size, persons);
                atoms.MostAnswersPerPerson = Math.Max(1, answersOfPerson.DefaultIfEmpty(1).Max());
                atoms._seen = new Marks(atoms.Count);
                return atoms;
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(first);
                ArrayPool<ulong>.Shared.Return(second);
                ArrayPool<int>.Shared.Return(personOf);
                ArrayPool<int>.Shared.Return(lastFigure);
            }
        }

        private const int RecentAtoms = 256;
        /// <summary>People whose answers are hashed together: a dozen answers each, whose four per-answer values (about 2 MB) stay in the cache while every figure passes over them.</summary>
        private const int Block = 1 << 12;

        /// <summary>Mixes figure <paramref name="i"/> into its answers at positions <paramref name="from"/> to <paramref name="to"/> (exclusive) of its list.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void Hash(Figure figure, int i, int from, int to, int lowest, ulong[] first, ulong[] second, int[] personOf, int[] lastFigure)
        {
            var (answers, people) = (figure.Answers, figure.Persons);
            var (mixA, mixB) = (SplitMix.Mix((ulong)i + 0x9E3779B97F4A7C15UL), SplitMix.Mix((ulong)i * 0xC2B2AE3D27D4EB4FUL + 1));
            for (var j = from; j < to; j++)
            {
                var a = answers[j] - lowest;
                first[a] = SplitMix.Mix(first[a] ^ mixA);
                second[a] = SplitMix.Mix(second[a] + mixB);
                personOf[a] = people[j];
                lastFigure[a] = i;
            }
        }

        /// <summary>
        /// The same mixing as figure by figure (each answer still meets its figures in order), done for one block
        /// of people at a time. Figure by figure, each of the organisation's monthly figures strides across
        /// arrays of a million answers, so every figure fetches them from memory again; a block's answers were
        /// numbered by person (within each month), so they stay in the cache while every figure passes. Needs each
        /// figure's people in ascending order, as the builder lists them.
        /// </summary>
        private static void HashInBlocks(List<Figure> figures, int lowest, int persons, ulong[] first, ulong[] second, int[] personOf, int[] lastFigure) =>
            // Different people's answers are different answers, so each core takes its own range of people.
            PersonRanges.Run(persons, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
            {
                var cursor = new int[figures.Count];
                for (var i = 0; i < figures.Count; i++)
                {
                    var at = Array.BinarySearch(figures[i].Persons, from);
                    cursor[i] = at < 0 ? ~at : at;
                }
                for (var end = Math.Min(to, from + Block); ; end = Math.Min(to, end + Block))
                {
                    for (var i = 0; i < figures.Count; i++)
                    {
                        var people = figures[i].Persons;
                        var (start, stop) = (cursor[i], cursor[i]);
                        while (stop < people.Length && people[stop] < end)
                        {
                            stop++;
                        }
                        if (stop > start)
                        {
                            Hash(figures[i], i, start, stop, lowest, first, second, personOf, lastFigure);
                            cursor[i] = stop;
                        }
                    }
                    if (end == to)
                    {
                        break;
                    }
                }
            });

        /// <summary>Each atom's people, each once: the answers sorted by atom (counting), then repeats dropped atom by atom.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void GatherPeople(int[] personOf, int size, int persons)
        {
            var start = new int[Count + 1];
            for (var atom = 0; atom < Count; atom++)
            {
                start[atom + 1] = start[atom] + AnswersOf[atom];
            }
            var people = new int[start[Count]];
            var next = start[..Count];
            for (var a = 0; a < size; a++)
            {
                if (_atomOf[a] >= 0)
                {
                    people[next[_atomOf[a]]++] = personOf[a];
                }
            }
            var seen = new Marks(persons);
            var kept = 0;
            for (var atom = 0; atom < Count; atom++)
            {
                seen.Next();
                var from = start[atom];
                start[atom] = kept;
                for (var at = from; at < start[atom + 1]; at++)
                {
                    if (seen.Set(people[at]))
                    {
                        people[kept++] = people[at];
                    }
                }
            }
            start[Count] = kept;
            (_people, _peopleStart) = (people, start);
        }

        /// <summary>The <paramref name="figure"/>-th figure's row: 1 on each atom it holds.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Dictionary<int, double> Vector(int figure)
        {
            // A big figure's 100,000 answers fall in a few atoms: marked in an array first, then a small dictionary.
            _seen.Next();
            var v = new Dictionary<int, double>();
            foreach (var answer in _figures[figure].Answers)
            {
                var atom = _atomOf[answer - _lowest];
                if (_seen.Set(atom))
                {
                    v[atom] = 1;
                }
            }
            return v;
        }
    }

    /// <summary>A row addition that can be taken back: the rows it changed, their entries as they were, and whether it added one.</summary>
    private sealed record Addition(IReadOnlyList<int> Changed, IReadOnlyList<(int Row, List<(int Column, double Before)> Entries)> Saved, bool Appended);

    /// <summary>
    /// A reduced row-echelon form kept as rows are added (and taken back when refused). Rows are sparse and
    /// each column knows its rows, because a dashboard of thousands of teams has thousands of rows over tens
    /// of thousands of atoms, each team's row touching a handful. A new row's pivot is the column whose last
    /// figure comes latest, so the big early rows pivot where few later rows reach and fill-in stays small.
    /// </summary>
    private sealed class Echelon
    {
        private const double Zero = 1e-9;
        private readonly Atoms _atoms;
        private readonly int _k;
        private readonly List<Dictionary<int, double>> _rows = [];
        private readonly List<int> _answers = []; // per row: answers over its non-zero atoms, for the cheap bound
        private readonly int[] _pivotRow;
        private readonly HashSet<int>[] _rowsWith;

        public Echelon(Atoms atoms, int k)
        {
            (_atoms, _k) = (atoms, k);
            _pivotRow = new int[atoms.Count];
            Array.Fill(_pivotRow, -1);
            _rowsWith = new HashSet<int>[atoms.Count];
        }

        public Addition Add(Dictionary<int, double> v)
        {
            Reduce(v);
            if (v.Count == 0)
            {
                return new Addition([], [], false); // already derivable from what is shown: adds nothing
            }
            var lead = -1;
            foreach (var c in v.Keys)
            {
                if (lead < 0 || _atoms.LastFigureOf[c] > _atoms.LastFigureOf[lead] || (_atoms.LastFigureOf[c] == _atoms.LastFigureOf[lead] && c < lead))
                {
                    lead = c;
                }
            }
            var scale = v[lead];
            foreach (var c in v.Keys.ToList())
            {
                v[c] /= scale;
            }
            v[lead] = 1;
            var changed = new List<int>();
            var saved = new List<(int, List<(int, double)>)>();
            if (_rowsWith[lead] is { } holders)
            {
                foreach (var r in holders.ToList())
                {
                    var row = _rows[r];
                    var times = row[lead];
                    var before = new List<(int, double)>(v.Count);
                    foreach (var (c, x) in v)
                    {
                        var old = row.GetValueOrDefault(c);
                        before.Add((c, old));
                        Set(r, c, old - times * x);
                    }
                    saved.Add((r, before));
                    changed.Add(r);
                }
            }
            var index = _rows.Count;
            _rows.Add([]);
            _answers.Add(0);
            foreach (var (c, x) in v)
            {
                Set(index, c, x);
            }
            _pivotRow[lead] = index;
            changed.Add(index);
            return new Addition(changed, saved, true);
        }

        public void Undo(Addition addition)
        {
            if (addition.Appended)
            {
                var index = _rows.Count - 1;
                foreach (var c in _rows[index].Keys.ToList())
                {
                    if (_pivotRow[c] == index)
                    {
                        _pivotRow[c] = -1;
                    }
                    Set(index, c, 0);
                }
                _rows.RemoveAt(index);
                _answers.RemoveAt(index);
            }
            foreach (var (row, entries) in addition.Saved)
            {
                foreach (var (column, before) in entries)
                {
                    Set(row, column, before);
                }
            }
        }

        /// <summary>Writes one entry, keeping zeros out of the row and the column's list of rows and the row's answer count right.</summary>
        private void Set(int r, int c, double value)
        {
            var row = _rows[r];
            var had = row.ContainsKey(c);
            if (Math.Abs(value) <= Zero)
            {
                if (had)
                {
                    row.Remove(c);
                    _rowsWith[c]!.Remove(r);
                    _answers[r] -= _atoms.AnswersOf[c];
                }
                return;
            }
            row[c] = value;
            if (!had)
            {
                (_rowsWith[c] ??= []).Add(r);
                _answers[r] += _atoms.AnswersOf[c];
            }
        }

        /// <summary>
        /// Whether row <paramref name="r"/> of the form is the total of a group of fewer than k people: a total
        /// anyone can derive from the figures. One person alone is always found this way, whatever the order of
        /// the columns, because an answer is derivable exactly when a row is that answer alone.
        /// </summary>
        public bool IsSmallGroup(int r)
        {
            // Cheap first: a row over atoms of many answers in all cannot cover fewer than k people.
            if (_answers[r] >= _k * _atoms.MostAnswersPerPerson)
            {
                return false;
            }
            var people = new HashSet<int>();
            foreach (var c in _rows[r].Keys)
            {
                foreach (var person in _atoms.PeopleOf(c))
                {
                    if (people.Add(person) && people.Count >= _k)
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        /// <summary>A copy of the form as it is, to ask later whether a total was derivable from it (<see cref="Spans"/>).</summary>
        public Echelon Copy()
        {
            var copy = new Echelon(_atoms, _k);
            foreach (var row in _rows)
            {
                copy._rows.Add(new Dictionary<int, double>(row));
            }
            Array.Copy(_pivotRow, copy._pivotRow, _pivotRow.Length);
            return copy;
        }

        /// <summary>A copy of row <paramref name="r"/>.</summary>
        public Dictionary<int, double> Row(int r) => new(_rows[r]);

        /// <summary>Whether <paramref name="v"/> is a combination of the rows (it reduces to nothing); <paramref name="v"/> is used up.</summary>
        public bool Spans(Dictionary<int, double> v)
        {
            Reduce(v);
            return v.Count == 0;
        }

        /// <summary>Takes from <paramref name="v"/> every row whose pivot it holds, leaving it zero on every pivot.</summary>
        private void Reduce(Dictionary<int, double> v)
        {
            // Each row is zero on every other row's pivot, so these subtractions do not disturb one another.
            foreach (var column in v.Keys.Where(c => _pivotRow[c] >= 0).ToList())
            {
                if (v.TryGetValue(column, out var times))
                {
                    foreach (var (c, x) in _rows[_pivotRow[column]])
                    {
                        var value = v.GetValueOrDefault(c) - times * x;
                        if (Math.Abs(value) <= Zero)
                        {
                            v.Remove(c);
                        }
                        else
                        {
                            v[c] = value;
                        }
                    }
                }
            }
        }
    }
}
