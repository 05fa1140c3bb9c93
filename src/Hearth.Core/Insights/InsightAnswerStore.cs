using Microsoft.EntityFrameworkCore;
using Hearth.Core.Measurements;
using Hearth.Core.Persistence;

namespace Hearth.Core.Insights;

/// <summary>
/// Every scored answer the dashboards have read, per questionnaire score and person, in memory. A
/// dashboard question at 100,000 clinicians × 3 years would otherwise read millions of rows each time it
/// is asked (and each earlier question it is audited against); here it reads only the answers given since
/// the last question, and the store keeps the rest. One per process (a singleton); each instance reads the
/// shared database, so several instances agree.
/// <para>
/// Ids can commit out of order on PostgreSQL (a later id may commit first), so each refresh reads again
/// the last <see cref="Slack"/> ids it had seen and keeps an answer once. What it holds are scores only,
/// never answers to items; a person who is erased stops being counted at once (the dashboard asks the
/// database who the people are every time), and their scores leave memory when the process restarts.
/// </para>
/// </summary>
public sealed class InsightAnswerStore : IDisposable
{
    /// <summary>How many ids before the highest seen are read again, for answers that committed late.</summary>
    public const long Slack = 1000;

    private readonly Dictionary<(string Instrument, string Score), ScoreAnswers> _scores = [];
    private readonly Lock _lock = new();

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var answers in _scores.Values)
            {
                answers.Dispose();
            }
            _scores.Clear();
        }
    }

    private PeopleLayout? _layout;
    /// <summary>The last layout whose snapshot this process stored or found stored: the base the next one is stored as changes from.</summary>
    private PeopleLayout? _lastStored;

    /// <summary>
    /// The people and teams as they are: the last question's layout when the database's count of changes to
    /// people (<see cref="PeopleChanges"/>) has not moved since it was read, otherwise read again. The count is
    /// read first, so a change committed while the people are being read leaves the layout marked older, and the
    /// next question reads them again.
    /// </summary>
    internal async Task<PeopleLayout> LayoutAsync(HearthDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.PeopleChanges.AsNoTracking().Where(c => c.Id == PeopleChanges.SingleId).Select(c => c.Version).FirstAsync(cancellationToken);
        lock (_lock)
        {
            if (_layout is { } last && last.Version == version)
            {
                return last;
            }
        }
        var people = await OrganisationInsights.PeopleAsync(db, cancellationToken);
        var teams = await OrganisationInsights.TeamsAsync(db, cancellationToken);
        PeopleLayout? previous = null, layout;
        lock (_lock)
        {
            // Read again but the same (a change to someone's e-mail, say, raises no count; a change undone does): its groups are kept.
            if (_layout is null || !_layout.Matches(people, teams))
            {
                (previous, _layout) = (_layout, new PeopleLayout(people, teams));
            }
            _layout.Version = version;
            layout = _layout;
        }
        if (previous is { SnapshotStored: true })
        {
            // Responses shown with the layout just replaced are audited with it: kept from memory, placed as the new layout
            // places people, rather than read back from its snapshot. Only that one: older ones are read again when asked
            // for, so a long run of changes does not pile layouts up in memory.
            layout.RememberEarlier(previous.SnapshotId, InsightPeopleSnapshot.PlacedAs(previous, layout));
        }
        return layout;
    }

    /// <summary>
    /// Stores the layout's snapshot unless it is there already: as the changes from the last layout this process stored,
    /// or whole when there is none. Another instance storing the same layout at the same time changes nothing.
    /// </summary>
    internal async Task StoreSnapshotAsync(HearthDbContext db, PeopleLayout layout, CancellationToken cancellationToken)
    {
        if (layout.SnapshotStored)
        {
            return;
        }
        var id = layout.SnapshotId;
        if (!await db.InsightPeopleSnapshots.AnyAsync(s => s.Id == id, cancellationToken))
        {
            PeopleLayout? based;
            lock (_lock)
            {
                based = _lastStored;
            }
            var payload = InsightPeopleSnapshot.Payload(layout, based);
            // Another instance may store the same layout at the same moment: then this stores nothing.
            await (based is null
                ? db.Database.ExecuteSqlRawAsync("""INSERT INTO "InsightPeopleSnapshots" ("Id", "Base", "People") VALUES ({0}, NULL, {1}) ON CONFLICT DO NOTHING""", [id, payload], cancellationToken)
                : db.Database.ExecuteSqlRawAsync("""INSERT INTO "InsightPeopleSnapshots" ("Id", "Base", "People") VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING""", [id, based.SnapshotId, payload], cancellationToken));
        }
        layout.SnapshotStored = true;
        lock (_lock)
        {
            _lastStored = layout;
        }
    }

    /// <summary>
    /// The people as an earlier response grouped them, placed as <paramref name="current"/> places them: the current
    /// layout when it was the same (or the response was recorded before layouts were kept), otherwise its snapshot
    /// with the changes it was stored as applied in order, read once per current layout.
    /// </summary>
    internal static async Task<PeopleLayout> LayoutShownAsync(HearthDbContext db, string? id, PeopleLayout current, CancellationToken cancellationToken)
    {
        if (id is null || id == current.SnapshotId)
        {
            return current;
        }
        if (current.Earlier(id) is { } known)
        {
            return known;
        }
        // Back along the changes to a layout already read, or to one stored whole. Foreign keys keep a response's snapshot,
        // and each snapshot's base, as long as they are named.
        var payloads = new List<byte[]>();
        PeopleLayout? from = null;
        string? whole = null;
        for (var next = id; next is not null && (from = current.Earlier(next)) is null;)
        {
            var row = await db.InsightPeopleSnapshots.AsNoTracking().Where(s => s.Id == next).Select(s => new { s.Base, s.People }).SingleAsync(cancellationToken);
            payloads.Add(row.People);
            (whole, next) = (row.Base is null ? next : null, row.Base);
        }
        payloads.Reverse();
        if (whole is not null && whole != id)
        {
            // The whole one at the chain's start is kept too (other layouts are stored as changes from it), and the
            // changes are applied to it: its megabytes are read once.
            var (wholePeople, wholeTeams) = InsightPeopleSnapshot.Apply(payloads.Take(1), null);
            from = current.RememberEarlier(whole, InsightPeopleSnapshot.PlacedAs(wholePeople, wholeTeams, current));
            payloads.RemoveAt(0);
        }
        // Placed, a layout already read leaves out only people gone since, whom placing the result would leave out too.
        var (people, teams) = InsightPeopleSnapshot.Apply(payloads, from);
        return current.RememberEarlier(id, InsightPeopleSnapshot.PlacedAs(people, teams, current));
    }

    /// <summary>Reads a score's answers ahead of the first question (at start-up), so nobody waits for the first read.</summary>
    public async Task WarmAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken = default)
    {
        var answers = await ReadAsync(db, instrumentId, scoreId, cancellationToken);
        // Puts what came in the database's order in order, lays the answers out in the order questions read
        // the people, and groups the people as the dashboard's first view does: now, not in the first question.
        var layout = await LayoutAsync(db, cancellationToken);
        answers.Snapshot(layout);
        foreach (var by in Enum.GetValues<InsightGrouping>())
        {
            InsightFigures.GroupsOf(layout, (by, null, null));
        }
    }

    internal async Task<ScoreAnswers> ReadAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        ScoreAnswers answers;
        lock (_lock)
        {
            if (!_scores.TryGetValue((instrumentId, scoreId), out answers!))
            {
                _scores[(instrumentId, scoreId)] = answers = new ScoreAnswers();
            }
        }
        await answers.RefreshAsync(db, instrumentId, scoreId, cancellationToken);
        return answers;
    }
}

/// <summary>One score's answers, per person in the order given (time, then id).</summary>
internal sealed class ScoreAnswers : IDisposable
{
    private readonly Dictionary<string, PersonAnswers> _byUser = new(StringComparer.Ordinal);
    private readonly List<string> _bands = [];
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _lock = new();
    private long _highest;
    /// <summary>People with answers out of order since the last snapshot: put in order once, when next seen, not once per batch.</summary>
    private readonly HashSet<PersonAnswers> _unordered = [];
    /// <summary>The minutes in which anyone answered, in order, to tell quickly whether anyone answered between two questions.</summary>
    private long[] _minutes = [];
    private readonly HashSet<long> _newMinutes = [];
    /// <summary>The months asked about so far, by <see cref="MonthCells.Key"/>, for the people of <see cref="_lastLookup"/>'s layout.</summary>
    private readonly Dictionary<int, MonthCells> _cells = [];
    /// <summary>Who answered in which month since the last snapshot (kept only once some month has cells).</summary>
    private readonly HashSet<(PersonAnswers Person, int Month)> _answeredIn = [];

    public void Dispose() => _refreshing.Dispose();

    public async Task RefreshAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            // Plain ADO.NET rather than an EF query: the first read is every answer ever given (15 million
            // at 100,000 clinicians × 3 years), and EF's per-row materialisation would take minutes.
            var batch = new List<Row>(65536);
            await RawQuery.ReadAsync(db, """
                SELECT m."Id", m."UserId", m."SubmittedAt", s."Value", s."Band"
                FROM "Measurements" m JOIN "MeasurementScore" s ON s."MeasurementId" = m."Id"
                WHERE m."Id" > @after AND m."InstrumentId" = @instrument AND s."ScoreId" = @score AND s."Value" IS NOT NULL
                """, [("@after", _highest - InsightAnswerStore.Slack), ("@instrument", instrumentId), ("@score", scoreId)], reader =>
            {
                batch.Add(new Row(reader.GetInt64(0), reader.GetString(1), RawQuery.Moment(reader, 2).UtcTicks, reader.GetDouble(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
                if (batch.Count == batch.Capacity)
                {
                    Apply(batch);
                }
            }, cancellationToken);
            Apply(batch);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private readonly record struct Row(long Id, string UserId, long Ticks, double Value, string? Band);

    private void Apply(List<Row> batch)
    {
        lock (_lock)
        {
            foreach (var row in batch)
            {
                if (!_byUser.TryGetValue(row.UserId, out var person))
                {
                    _byUser[row.UserId] = person = new PersonAnswers();
                }
                var before = person.Columns;
                if (!person.Append(row.Id, row.Ticks, row.Value, BandIndex(row.Band)))
                {
                    _unordered.Add(person);
                }
                _moved += ReferenceEquals(before, person.Columns) ? 0 : 1;
                _newMinutes.Add(row.Ticks - (row.Ticks % TimeSpan.TicksPerMinute));
                if (_cells.Count > 0)
                {
                    _answeredIn.Add((person, MonthCells.KeyOf(row.Ticks)));
                }
                _highest = Math.Max(_highest, row.Id);
            }
        }
        batch.Clear();
    }

    /// <summary>A band's number (0: none): bands are few, so an answer keeps one byte, not a string.</summary>
    private byte BandIndex(string? band)
    {
        if (band is null)
        {
            return 0;
        }
        var at = _bands.IndexOf(band);
        if (at < 0)
        {
            if (_bands.Count == byte.MaxValue)
            {
                throw new InvalidOperationException("a score has more than 254 bands");
            }
            _bands.Add(band);
            at = _bands.Count - 1;
        }
        return (byte)(at + 1);
    }

    /// <summary>
    /// Each person's answers, in the layout's order. The last question's lookup is kept: the layout is usually
    /// the last question's too (the same people), and then nobody needs looking up again unless someone gave
    /// their first answer since.
    /// </summary>
    private PersonAnswers?[] PersonsOf(PeopleLayout layout)
    {
        var (last, persons, known) = _lastLookup;
        if (ReferenceEquals(last, layout) && known == _byUser.Count)
        {
            return persons;
        }
        var userIds = layout.People;
        persons = new PersonAnswers?[userIds.Count];
        foreach (var person in _byUser.Values)
        {
            person.Position = -1;
        }
        for (var i = 0; i < persons.Length; i++)
        {
            persons[i] = _byUser.GetValueOrDefault(userIds[i].UserId);
            persons[i]?.Position = i;
        }
        if (!ReferenceEquals(last, layout))
        {
            _cells.Clear(); // positions are the layout's: another layout, other positions (the same layout keeps them, with newcomers added)
        }
        _lastLookup = (layout, persons, _byUser.Count);
        // Laid out in this order once, and again when a quarter of the people have grown out of their arrays
        // since (a new layout for every change of people would copy everything each time someone joins).
        if (!_packed || _moved > persons.Length / 4)
        {
            foreach (var person in persons)
            {
                person?.Repack();
            }
            (_packed, _moved) = (true, 0);
        }
        return persons;
    }

    private bool _packed;
    /// <summary>People whose answers moved to new arrays since the last repack.</summary>
    private int _moved;

    /// <summary>The layout last looked up, what it found, and how many people had answers then (a new one means looking up again).</summary>
    private (PeopleLayout? Layout, PersonAnswers?[] Persons, int Known) _lastLookup = (null, [], -1);

    /// <summary>What each person had given when asked: later answers never change what a snapshot sees.</summary>
    /// <param name="months">The months (first to last) whose cells the snapshot also hands out, each person's latest answer in each.</param>
    public (AnswerSeries[] Series, string?[] Bands, long[] Minutes, IReadOnlyDictionary<int, MonthCells> Months) Snapshot(PeopleLayout? layout, (DateOnly First, DateOnly Last)? months = null)
    {
        var series = new AnswerSeries[layout?.People.Count ?? 0];
        lock (_lock)
        {
            foreach (var person in _unordered)
            {
                person.Order();
            }
            string?[] bands = [null, .. _bands];
            var persons = layout is null ? [] : PersonsOf(layout);
            for (var i = 0; i < persons.Length; i++)
            {
                series[i] = persons[i]?.Snapshot() ?? AnswerSeries.None;
            }
            var cells = layout is null || months is not { } span ? new Dictionary<int, MonthCells>() : CellsOf(series, span.First, span.Last);
            _unordered.Clear();
            if (_newMinutes.Count > 0)
            {
                // Merged into a new array (snapshots keep theirs): once loaded, a few new minutes per question.
                var added = _newMinutes.Where(m => Array.BinarySearch(_minutes, m) < 0).Order().ToArray();
                var merged = new long[_minutes.Length + added.Length];
                int i = 0, j = 0, k = 0;
                while (i < _minutes.Length || j < added.Length)
                {
                    merged[k++] = j == added.Length || (i < _minutes.Length && _minutes[i] < added[j]) ? _minutes[i++] : added[j++];
                }
                _minutes = merged;
                _newMinutes.Clear();
            }
            return (series, bands, _minutes, cells);
        }
    }

    /// <summary>
    /// The cells of the months from <paramref name="first"/> to <paramref name="last"/>, made for months not asked
    /// about before and brought up to date for those answered in since (copied, so earlier snapshots keep theirs).
    /// People whose answers were put in order again are looked at in every month: their answers' indexes moved.
    /// </summary>
    private Dictionary<int, MonthCells> CellsOf(AnswerSeries[] series, DateOnly first, DateOnly last)
    {
        var stale = new Dictionary<int, HashSet<int>>();
        void Stale(int month, int position)
        {
            if (position >= 0 && _cells.ContainsKey(month))
            {
                (stale.TryGetValue(month, out var positions) ? positions : stale[month] = []).Add(position);
            }
        }
        foreach (var (person, month) in _answeredIn)
        {
            Stale(month, person.Position);
        }
        foreach (var person in _unordered)
        {
            foreach (var month in _cells.Keys)
            {
                Stale(month, person.Position);
            }
        }
        _answeredIn.Clear();
        foreach (var (month, positions) in stale)
        {
            var copy = _cells[month].Copy();
            foreach (var position in positions)
            {
                copy.Set(position, series[position]);
            }
            _cells[month] = copy;
        }
        var cells = new Dictionary<int, MonthCells>();
        for (var month = MonthCells.KeyOf(first); month <= MonthCells.KeyOf(last); month++)
        {
            cells[month] = _cells.TryGetValue(month, out var made) ? made : _cells[month] = MonthCells.Of(month, series);
        }
        return cells;
    }
}

/// <summary>
/// One person's answers to one score, oldest first. New answers are appended in place (a snapshot sees
/// only the count it took, so it never notices); answers that arrive out of order (the first read comes in
/// the database's order) are put in order in new arrays once the batch is in, so earlier snapshots keep theirs.
/// </summary>
internal sealed class PersonAnswers
{
    private AnswerColumns _columns = new(new long[2], new long[2], new double[2], new byte[2]);
    private int _count;

    /// <summary>Where the person stands in the layout last looked up (-1: not in it): their place in <see cref="MonthCells"/>.</summary>
    public int Position { get; set; } = -1;

    /// <returns>
    /// False when the answer is not after the last one and was appended out of order: <see cref="Order"/> must
    /// follow. An answer read again (each refresh reads the last ids again) is found and skipped while the
    /// answers are in order, so it costs no reordering and no new arrays.
    /// </returns>
    public bool Append(long id, long ticks, double value, byte band)
    {
        var c = _columns;
        var after = _count == 0 || c.Ticks[_count - 1] < ticks || (c.Ticks[_count - 1] == ticks && c.Ids[_count - 1] < id);
        if (!after && _inOrder && Holds(id, ticks))
        {
            return true;
        }
        if (_count == c.Ids.Length)
        {
            _columns = c = CopiedInto(Math.Max(4, c.Ids.Length * 2));
        }
        (c.Ids[_count], c.Ticks[_count], c.Values[_count], c.Bands[_count]) = (id, ticks, value, band);
        _count++; // written before it is counted, so a snapshot never sees half an answer
        _inOrder &= after;
        return after;
    }

    /// <summary>Whether every answer so far came after the one before (then they can be searched by time).</summary>
    private bool _inOrder = true;

    /// <summary>Whether the answer <paramref name="id"/> given at <paramref name="ticks"/> is held (only while in order).</summary>
    private bool Holds(long id, long ticks)
    {
        for (var at = Snapshot().FirstFrom(ticks); at < _count && _columns.Ticks[at] == ticks; at++)
        {
            if (_columns.Ids[at] == id)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Sorts by time then id into new arrays, keeping each id once.</summary>
    public void Order()
    {
        var order = Enumerable.Range(0, _count).OrderBy(i => _columns.Ticks[i]).ThenBy(i => _columns.Ids[i]).ToArray();
        var kept = new List<int>(order.Length);
        foreach (var i in order)
        {
            if (kept.Count == 0 || _columns.Ids[kept[^1]] != _columns.Ids[i])
            {
                kept.Add(i);
            }
        }
        var sorted = new AnswerColumns(new long[kept.Count], new long[kept.Count], new double[kept.Count], new byte[kept.Count]);
        for (var j = 0; j < kept.Count; j++)
        {
            (sorted.Ids[j], sorted.Ticks[j], sorted.Values[j], sorted.Bands[j]) = (_columns.Ids[kept[j]], _columns.Ticks[kept[j]], _columns.Values[kept[j]], _columns.Bands[kept[j]]);
        }
        (_columns, _count, _inOrder) = (sorted, kept.Count, true);
    }

    public AnswerSeries Snapshot() => new(_columns, _count);

    /// <summary>The arrays now holding the answers (new ones after a grow, an ordering or a repack).</summary>
    public AnswerColumns Columns => _columns;

    /// <summary>
    /// Copies the answers into new arrays with room for a few more. Done for everyone in the order questions
    /// walk them, it lays 100,000 people's answers out one after another, so a pass over everyone reads
    /// memory in order instead of jumping across the heap (arrays grown one by one are scattered).
    /// </summary>
    public void Repack()
    {
        const int Room = 8; // about two months of weekly check-ins before the next grow
        _columns = CopiedInto(_count + Room);
    }

    /// <summary>The answers held, copied into new arrays of <paramref name="size"/> (earlier snapshots keep the old ones).</summary>
    private AnswerColumns CopiedInto(int size)
    {
        var copy = new AnswerColumns(new long[size], new long[size], new double[size], new byte[size]);
        Array.Copy(_columns.Ids, copy.Ids, _count);
        Array.Copy(_columns.Ticks, copy.Ticks, _count);
        Array.Copy(_columns.Values, copy.Values, _count);
        Array.Copy(_columns.Bands, copy.Bands, _count);
        return copy;
    }
}

internal sealed record AnswerColumns(long[] Ids, long[] Ticks, double[] Values, byte[] Bands);

/// <summary>A person's answers as a question saw them: the first <see cref="Count"/> of the columns.</summary>
internal readonly record struct AnswerSeries(AnswerColumns Columns, int Count)
{
    public static readonly AnswerSeries None = new(new AnswerColumns([], [], [], []), 0);

    /// <summary>The last answer given at or after <paramref name="start"/> and before <paramref name="end"/> (UTC ticks), or -1.</summary>
    public int LatestWithin(long start, long end)
    {
        var after = FirstFrom(end);
        return after > 0 && Columns.Ticks[after - 1] >= start ? after - 1 : -1;
    }

    /// <summary>The index of the first answer given at or after <paramref name="start"/> (UTC ticks); <see cref="Count"/> when none.</summary>
    public int FirstFrom(long start)
    {
        var ticks = Columns.Ticks;
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ticks[mid] < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
