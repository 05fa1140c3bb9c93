using System.Buffers;
using System.Runtime.CompilerServices;
using System.Globalization;

namespace Hearth.Core.Insights;

/// <summary>A person as the dashboard groups them; <paramref name="Index"/> numbers them within one question.</summary>
internal sealed record GroupedPerson(int Index, string UserId, int? TeamId, string? Profession, string? Site, bool Active);

internal sealed record TeamNode(int Id, string Name, int? ParentId);

/// <summary>
/// A group on the dashboard: its key (also the figure's), what the page calls it, its parent, and its people
/// (their numbers in <see cref="AnswerBook.People"/>: a figure over 100,000 people walks an array, not a list of records).
/// </summary>
/// <param name="Eligible">Members with an active account: the base of the response rate.</param>
internal sealed record InsightGroup(string Key, string Id, string Name, string? ParentKey, int[] Members, int Eligible);

/// <summary>
/// The answers one question can see (its own and those of the earlier questions it is audited against),
/// numbered densely in the order figures first use them, as <see cref="Figure"/> wants. Numbers are kept in
/// one array over the answers of the period covering every question, so numbering a million answers is
/// array work, not a million dictionary lookups.
/// </summary>
internal sealed class AnswerBook : IDisposable
{
    private readonly AnswerSeries[] _series;
    private readonly IReadOnlyDictionary<int, MonthCells> _months;
    private readonly string?[] _bands;
    private readonly long[] _minutes;
    private readonly int[] _first; // per person: the index of their first answer in the covering period
    private readonly int[] _base;  // per person: where their answers start in _slots
    private readonly int[] _slots; // slot + 1 of each answer in the covering period; 0 = not numbered yet
    // Each numbered answer's value and band, copied when it is numbered: a figure's mean then reads one dense
    // array instead of 100,000 people's arrays scattered over the heap. Sized for every answer of the period.
    private readonly double[] _values;
    private readonly byte[] _bandOf;
    private int _numbered;
    // What several builds of one question share (the question itself and each earlier one it is audited
    // against): the same window's latest answers, the same grouping's groups, the same figure.
    private readonly Dictionary<(long, long), (int[] Index, int[] Slot)> _latest = [];
    private readonly Dictionary<(long, long), int[][]> _monthly = [];
    private readonly Dictionary<string, Figure> _figures = new(StringComparer.Ordinal);

    /// <param name="months">Each person's latest answer in each month of the covering period, made from <paramref name="series"/>.</param>
    /// <param name="bands">What each band number of the series stands for (0: none).</param>
    /// <param name="minutes">The minutes (UTC ticks at the minute's start) in which anyone answered, in order.</param>
    /// <param name="from">The start of the period covering every question the book serves.</param>
    /// <param name="to">Its end (exclusive).</param>
    /// <param name="now">When the question is asked: what the snapshot holds was given before it.</param>
    public AnswerBook(PeopleLayout layout, AnswerSeries[] series, IReadOnlyDictionary<int, MonthCells> months, string?[] bands, long[] minutes,
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        (Layout, _series, _months, _bands, _minutes, Now) = (layout, series, months, bands, minutes, now);
        _first = new int[series.Length];
        _base = new int[series.Length + 1];
        PersonRanges.Run(series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from_, to_) =>
        {
            for (var p = from_; p < to_; p++)
            {
                var last = series[p].LatestWithin(long.MinValue, to.UtcTicks);
                _first[p] = series[p].FirstFrom(from.UtcTicks);
                _base[p + 1] = Math.Max(0, last + 1 - _first[p]); // a count here, summed below
            }
        });
        for (var p = 0; p < series.Length; p++)
        {
            _base[p + 1] += _base[p];
        }
        // Millions of numbers at 100,000 people: borrowed, not allocated, so each question does not leave the
        // collector a large array to reclaim.
        _slots = ArrayPool<int>.Shared.Rent(_base[series.Length]);
        Array.Clear(_slots, 0, _base[series.Length]);
        _values = ArrayPool<double>.Shared.Rent(_base[series.Length]);
        _bandOf = ArrayPool<byte>.Shared.Rent(_base[series.Length]);
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<double>.Shared.Return(_values);
        ArrayPool<byte>.Shared.Return(_bandOf);
        foreach (var array in _borrowed)
        {
            ArrayPool<int>.Shared.Return(array);
        }
    }

    /// <summary>Per-person arrays lent to this question (a year's months are a dozen arrays of 100,000), returned when it is done.</summary>
    private readonly List<int[]> _borrowed = [];

    /// <summary>An array with a place for each person (perhaps more), borrowed until the book is disposed: fresh ones would be
    /// new large objects each question, which the collector reclaims only in full collections.</summary>
    private int[] PerPerson()
    {
        var array = ArrayPool<int>.Shared.Rent(_series.Length);
        _borrowed.Add(array);
        return array;
    }

    /// <summary>The people and teams asked about, with the groups already built from them.</summary>
    public PeopleLayout Layout { get; }

    public IReadOnlyList<GroupedPerson> People => Layout.People;

    public DateTimeOffset Now { get; }

    public double Value(int slot) => _values[slot];

    /// <summary>The number of the band an answer fell in (0: none); <see cref="BandName"/> says which.</summary>
    public byte BandNumber(int slot) => _bandOf[slot];

    /// <summary>What band number <paramref name="number"/> stands for; the numbers run below <see cref="BandCount"/>.</summary>
    public string? BandName(int number) => _bands[number];

    public int BandCount => _bands.Length;

    /// <summary>
    /// Whether anyone may have answered at or after <paramref name="start"/> and before <paramref name="end"/>:
    /// true when anyone answered within a minute of that span, so it errs towards "yes" (one more earlier
    /// question rebuilt), never towards "no".
    /// </summary>
    public bool AnyWithin(DateTimeOffset start, DateTimeOffset end) => AnyWithin(start.UtcTicks, end.UtcTicks);

    /// <inheritdoc cref="AnyWithin(DateTimeOffset, DateTimeOffset)"/>
    public bool AnyWithin(long start, long end)
    {
        if (end <= start)
        {
            return false;
        }
        var first = start - TimeSpan.TicksPerMinute; // the minute that holds start begins at most a minute before it
        var at = Array.BinarySearch(_minutes, first);
        at = at < 0 ? ~at : at;
        return at < _minutes.Length && _minutes[at] < end;
    }

    /// <summary>Each person's latest answer at or after <paramref name="start"/> and before <paramref name="end"/> (UTC ticks), by index into their series (-1: none) and numbered.</summary>
    public (int[] Index, int[] Slot) Latest(long start, long end)
    {
        if (_latest.TryGetValue((start, end), out var found))
        {
            return found;
        }
        var (index, slots) = (PerPerson(), PerPerson());
        // The window's months, latest first: a person's latest answer in the window is in the latest month they answered in.
        var cells = CellsBetween(start, end);
        cells.Reverse();
        // Found on every core, then numbered range by range in person order, as one core would number them.
        var fresh = PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
        {
            var count = 0;
            for (var p = from; p < to; p++)
            {
                var at = -1;
                foreach (var month in cells)
                {
                    if ((at = month.LatestWithin(p, start, end, _series[p])) >= 0)
                    {
                        break;
                    }
                }
                index[p] = at;
                count += at >= 0 && _slots[_base[p] - _first[p] + at] == 0 ? 1 : 0;
            }
            return count;
        });
        var next = Reserve(fresh);
        PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (range, from, to) =>
        {
            var at = next[range];
            for (var p = from; p < to; p++)
            {
                slots[p] = index[p] < 0 ? -1 : Number(p, index[p], ref at);
            }
        });
        return _latest[(start, end)] = (index, slots);
    }

    /// <summary>The cells of the months from the one holding <paramref name="start"/> to the one holding the moment before <paramref name="end"/>, in order.</summary>
    private List<MonthCells> CellsBetween(long start, long end)
    {
        var cells = new List<MonthCells>();
        for (var month = MonthCells.KeyOf(start); end > start && month <= MonthCells.KeyOf(end - 1); month++)
        {
            cells.Add(CellsOf(month));
        }
        return cells;
    }

    private MonthCells CellsOf(int month) => _months.TryGetValue(month, out var cells) ? cells
        : throw new InvalidOperationException($"the snapshot has no cells for month {month / 12}-{month % 12 + 1:00}: the book's period must cover every question's");

    /// <summary>The first number each range of people gives its new answers (<paramref name="fresh"/> of them per range), reserved in range order.</summary>
    private int[] Reserve(int[] fresh)
    {
        var next = new int[fresh.Length];
        for (var range = 0; range < fresh.Length; range++)
        {
            (next[range], _numbered) = (_numbered, _numbered + fresh[range]);
        }
        return next;
    }

    /// <summary>Numbers a person's answer, taking <paramref name="next"/> (a number reserved for the caller's range) if it has none yet.</summary>
    /// <param name="month">Cells holding the answer's value, when it is the person's latest in that month: read there, in a dense array, rather than from the person's own.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Number(int person, int answer, ref int next, MonthCells? month = null)
    {
        ref var slot = ref _slots[_base[person] + answer - _first[person]];
        if (slot == 0)
        {
            if (month is not null && month.Index[person] == answer)
            {
                (_values[next], _bandOf[next]) = (month.Values[person], month.Bands[person]);
            }
            else
            {
                var columns = _series[person].Columns;
                (_values[next], _bandOf[next]) = (columns.Values[answer], columns.Bands[answer]);
            }
            slot = ++next;
        }
        return slot - 1;
    }

    /// <summary>
    /// Each person's latest answer in each of <paramref name="months"/> within the window (numbered; -1: none),
    /// read from the months' cells: a dense array per month instead of a walk through every person's answers.
    /// </summary>
    public int[][] LatestPerMonth(long start, long end, IReadOnlyList<DateOnly> months)
    {
        if (_monthly.TryGetValue((start, end), out var monthly))
        {
            return monthly;
        }
        Latest(start, end); // numbered first, as the window's own figures are
        var cells = new MonthCells?[months.Count];
        monthly = new int[months.Count][];
        for (var m = 0; m < months.Count; m++)
        {
            monthly[m] = PerPerson();
            // A month after the window ends has no answers in it; in any other every person's place is written below.
            cells[m] = Math.Max(start, InsightFigures.StartOf(months[m]).UtcTicks) < end ? CellsOf(MonthCells.KeyOf(months[m])) : null;
            if (cells[m] is null)
            {
                Array.Fill(monthly[m], -1);
            }
        }
        // First every core finds, in its range of people, each month's latest answer, counting those not numbered
        // yet; then each range numbers its own, in person order and latest month first, into numbers reserved
        // for it: the same numbers one core walking everyone would give.
        var fresh = PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
        {
            var count = 0;
            // Person by person: a person's numbers lie together in _slots, so each is fetched from memory once.
            for (var p = from; p < to; p++)
            {
                var offset = _base[p] - _first[p];
                for (var m = 0; m < cells.Length; m++)
                {
                    if (cells[m] is { } month && (monthly[m][p] = month.LatestWithin(p, start, end, _series[p])) >= 0)
                    {
                        count += _slots[offset + monthly[m][p]] == 0 ? 1 : 0;
                    }
                }
            }
            return count;
        });
        var next = Reserve(fresh);
        PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (range, from, to) =>
        {
            var at = next[range];
            for (var p = from; p < to; p++)
            {
                for (var m = months.Count - 1; m >= 0; m--)
                {
                    if (monthly[m][p] >= 0)
                    {
                        monthly[m][p] = Number(p, monthly[m][p], ref at, cells[m]!);
                    }
                }
            }
        });
        return _monthly[(start, end)] = monthly;
    }

    /// <summary>The figure of <paramref name="key"/> (which names its group, window and answers), built once.</summary>
    public Figure Figure(string key, Func<Figure> build)
    {
        if (!_figures.TryGetValue(key, out var figure))
        {
            _figures[key] = figure = build();
        }
        return figure;
    }
}

/// <summary>
/// Turns answers and people into the figures a request would show: for each group, each person's latest
/// answer in the period, and the same per month for the trend. Months are keyed <c>GROUP@yyyy-MM</c>.
/// The same definitions rebuild what an earlier response showed, so the audit can compare with it.
/// </summary>
internal sealed class InsightFigures
{
    public const string Organisation = InsightLabels.Organisation;
    public const string NotRecorded = InsightLabels.NotRecorded;

    public required IReadOnlyList<InsightGroup> Groups { get; init; }
    public required IReadOnlyList<Figure> Figures { get; init; }
    public required IReadOnlyList<Partition> Partitions { get; init; }
    public required AnswerBook Answers { get; init; }
    public required IReadOnlyList<DateOnly> Months { get; init; }

    public static string MonthKey(string group, DateOnly month) => $"{group}@{month:yyyy-MM}";

    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The groups given monthly figures.</summary>
    public required IReadOnlySet<string> Trended { get; init; }

    /// <param name="asOf">Answers given at or after this moment are not seen (an earlier response is rebuilt as it was).</param>
    /// <param name="trendOf">Whether a group (by key) gets monthly figures; by default the organisation and the request's trend group.</param>
    public static InsightFigures Build(InsightRequest request, AnswerBook book, DateTimeOffset asOf,
        Func<InsightGroup, bool>? trendOf = null)
    {
        var (groups, partitions) = GroupsOf(book.Layout, (request.By, request.Profession, request.Site));
        var start = StartOf(request.From).UtcTicks;
        var periodEnd = StartOf(request.To.AddDays(1)).UtcTicks;
        var end = Math.Min(periodEnd, asOf.UtcTicks);
        // An earlier response with nobody answering in its period since it was shown saw what this question sees:
        // given the same window, its figures are the same objects, built and audited once.
        var nowEnd = Math.Min(periodEnd, book.Now.UtcTicks);
        if (end < nowEnd && !book.AnyWithin(end, nowEnd))
        {
            end = nowEnd;
        }
        var latest = book.Latest(start, end).Slot;
        var months = MonthsOf(request.From, request.To);
        var figures = new List<Figure>();
        var trended = new HashSet<string>(StringComparer.Ordinal);
        trendOf ??= g => g.Key == Organisation || request.Trend == InsightRequest.EveryTrend || g.Id == request.Trend;
        // A figure is named by its window, the filter and its key: nothing else decides its answers within one question.
        var window = string.Create(CultureInfo.InvariantCulture, $"{start}-{end}\u001f{request.Profession}\u001f{request.Site}\u001f");
        foreach (var group in groups)
        {
            figures.Add(book.Figure(window + group.Key, () => Counted(group.Key, group.Members, latest)));
            if (!trendOf(group))
            {
                continue;
            }
            trended.Add(group.Key);
            var monthly = book.LatestPerMonth(start, end, months);
            for (var m = 0; m < months.Count; m++)
            {
                var key = MonthKey(group.Key, months[m]);
                figures.Add(book.Figure(window + key, () => Counted(key, group.Members, monthly[m])));
            }
        }
        return new InsightFigures { Groups = groups, Figures = figures, Partitions = partitions, Answers = book, Months = months, Trended = trended };
    }

    /// <summary>The groups of a grouping (within a profession or site, when one is named), built once per layout.</summary>
    public static (List<InsightGroup> Groups, List<Partition> Partitions) GroupsOf(PeopleLayout layout, (InsightGrouping By, string? Profession, string? Site) grouping) =>
        layout.Groups(grouping, () => GroupsOf(grouping.By, grouping.Profession, grouping.Site, layout.People, layout.Teams));

    private static (List<InsightGroup>, List<Partition>) GroupsOf(InsightGrouping by, string? profession, string? site, IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams)
    {
        var chosen = people.Where(p => (profession is null || p.Profession == profession) && (site is null || p.Site == site)).ToList();
        var groups = new List<InsightGroup> { Group(Organisation, Organisation, "Whole organisation", null, chosen) };
        groups.AddRange(by switch
        {
            InsightGrouping.Team => TeamGroups(chosen, teams),
            InsightGrouping.Profession => LabelGroups("profession", chosen, p => p.Profession),
            _ => LabelGroups("site", chosen, p => p.Site),
        });
        var partitions = groups.GroupBy(g => g.ParentKey).Where(g => g.Key is not null)
            .Select(g => new Partition(g.Key!, [.. g.Select(c => c.Key)])).ToList();
        return (groups, partitions);
    }

    private static InsightGroup Group(string key, string id, string name, string? parentKey, IEnumerable<GroupedPerson> people)
    {
        var members = people.ToList();
        // In ascending order, so each figure lists its people in ascending order (the audit hashes by blocks of people on that basis).
        return new InsightGroup(key, id, name, parentKey, [.. members.Select(p => p.Index).Order()], members.Count(p => p.Active));
    }

    /// <summary>A figure over each member's one numbered answer in <paramref name="slotOf"/>, by person (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Figure Counted(string key, int[] members, int[] slotOf)
    {
        var count = 0;
        foreach (var person in members)
        {
            count += slotOf[person] >= 0 ? 1 : 0;
        }
        var (answers, persons) = (new int[count], new int[count]);
        var at = 0;
        foreach (var person in members)
        {
            if (slotOf[person] is var slot and >= 0)
            {
                (answers[at], persons[at]) = (slot, person);
                at++;
            }
        }
        return new Figure(key, answers, persons);
    }

    /// <summary>Every team, with the people of its whole subtree: a service includes its wards.</summary>
    private static IEnumerable<InsightGroup> TeamGroups(IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams)
    {
        var children = Organisations.TeamTree.Children(teams.Select(t => (t.Id, t.ParentId)));
        var byTeam = people.Where(p => p.TeamId is not null).ToLookup(p => p.TeamId!.Value);
        return teams.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => Group(TeamKey(t.Id), t.Id.ToString(CultureInfo.InvariantCulture), t.Name,
            t.ParentId is { } parent ? TeamKey(parent) : Organisation, Organisations.TeamTree.WithNested(children, [t.Id]).SelectMany(id => byTeam[id])));
    }

    private static string TeamKey(int id) => $"team:{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One group per recorded value, and one for people with none recorded, so the groups cover everyone.</summary>
    private static IEnumerable<InsightGroup> LabelGroups(string kind, IReadOnlyList<GroupedPerson> people, Func<GroupedPerson, string?> label) =>
        people.GroupBy(p => label(p) ?? "", StringComparer.Ordinal).OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => g.Key.Length == 0
                ? Group($"{kind}:{NotRecorded}", NotRecorded, "Not recorded", Organisation, g)
                : Group($"{kind}:{g.Key}", g.Key, g.Key, Organisation, g));

    private static List<DateOnly> MonthsOf(DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months.Add(m);
        }
        return months;
    }
}
