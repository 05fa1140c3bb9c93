using System.Globalization;

namespace Hearth.Core.Insights;

/// <summary>A person as the dashboard groups them; <paramref name="Index"/> numbers them within one question.</summary>
internal sealed record GroupedPerson(int Index, string UserId, int? TeamId, string? Profession, string? Site, bool Active);

internal sealed record TeamNode(int Id, string Name, int? ParentId);

/// <summary>A group on the dashboard: its key (also the figure's), what the page calls it, its parent, and its people.</summary>
internal sealed record InsightGroup(string Key, string Id, string Name, string? ParentKey, IReadOnlyList<GroupedPerson> People);

/// <summary>
/// The answers one question can see (its own and those of the earlier questions it is audited against),
/// numbered densely in the order figures first use them, as <see cref="Figure"/> wants. Numbers are kept in
/// one array over the answers of the period covering every question, so numbering a million answers is
/// array work, not a million dictionary lookups.
/// </summary>
internal sealed class AnswerBook : IDisposable
{
    private readonly AnswerSeries[] _series;
    private readonly string?[] _bands;
    private readonly long[] _minutes;
    private readonly int[] _first; // per person: the index of their first answer in the covering period
    private readonly int[] _base;  // per person: where their answers start in _slots
    private readonly int[] _slots; // slot + 1 of each answer in the covering period; 0 = not numbered yet
    // Each numbered answer's value and band, copied when it is numbered: a figure's mean then reads one dense
    // array instead of 100,000 people's arrays scattered over the heap.
    private readonly List<double> _values = [];
    private readonly List<byte> _bandOf = [];

    /// <param name="bands">What each band number of the series stands for (0: none).</param>
    /// <param name="minutes">The minutes (UTC ticks at the minute's start) in which anyone answered, in order.</param>
    /// <param name="from">The start of the period covering every question the book serves.</param>
    /// <param name="to">Its end (exclusive).</param>
    public AnswerBook(IReadOnlyList<GroupedPerson> people, AnswerSeries[] series, string?[] bands, long[] minutes, DateTimeOffset from, DateTimeOffset to)
    {
        (People, _series, _bands, _minutes) = (people, series, bands, minutes);
        _first = new int[series.Length];
        _base = new int[series.Length + 1];
        for (var p = 0; p < series.Length; p++)
        {
            var last = series[p].LatestWithin(long.MinValue, to.UtcTicks);
            _first[p] = series[p].FirstFrom(from.UtcTicks);
            _base[p + 1] = _base[p] + Math.Max(0, last + 1 - _first[p]);
        }
        // Millions of numbers at 100,000 people: borrowed, not allocated, so each question does not leave the
        // collector a large array to reclaim.
        _slots = System.Buffers.ArrayPool<int>.Shared.Rent(_base[series.Length]);
        Array.Clear(_slots, 0, _base[series.Length]);
    }

    public void Dispose() => System.Buffers.ArrayPool<int>.Shared.Return(_slots);

    public IReadOnlyList<GroupedPerson> People { get; }

    public AnswerSeries SeriesOf(int person) => _series[person];

    /// <summary>The number a figure gives a person's <paramref name="answer"/>-th answer (one inside the covering period).</summary>
    public int Slot(int person, int answer)
    {
        ref var slot = ref _slots[_base[person] + answer - _first[person]];
        if (slot == 0)
        {
            var columns = _series[person].Columns;
            _values.Add(columns.Values[answer]);
            _bandOf.Add(columns.Bands[answer]);
            slot = _values.Count;
        }
        return slot - 1;
    }

    public double Value(int slot) => _values[slot];

    public string? Band(int slot) => _bands[_bandOf[slot]];

    /// <summary>
    /// Whether anyone may have answered at or after <paramref name="start"/> and before <paramref name="end"/>:
    /// true when anyone answered within a minute of that span, so it errs towards "yes" (one more earlier
    /// question rebuilt), never towards "no".
    /// </summary>
    public bool AnyWithin(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return false;
        }
        var first = start.UtcTicks - TimeSpan.TicksPerMinute; // the minute that holds start begins at most a minute before it
        var at = Array.BinarySearch(_minutes, first);
        at = at < 0 ? ~at : at;
        return at < _minutes.Length && _minutes[at] < end.UtcTicks;
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

    /// <param name="asOf">Answers given at or after this moment are not seen (an earlier response is rebuilt as it was).</param>
    /// <param name="trendOf">Whether a group (by key) gets monthly figures; by default the organisation and the request's trend group.</param>
    public static InsightFigures Build(InsightRequest request, AnswerBook book, IReadOnlyList<TeamNode> teams, DateTimeOffset asOf,
        Func<InsightGroup, bool>? trendOf = null)
    {
        var chosen = book.People.Where(p => (request.Profession is null || p.Profession == request.Profession) && (request.Site is null || p.Site == request.Site)).ToList();
        var groups = new List<InsightGroup> { new(Organisation, Organisation, "Whole organisation", null, chosen) };
        groups.AddRange(request.By switch
        {
            InsightGrouping.Team => TeamGroups(chosen, teams),
            InsightGrouping.Profession => LabelGroups("profession", chosen, p => p.Profession),
            _ => LabelGroups("site", chosen, p => p.Site),
        });
        var partitions = groups.GroupBy(g => g.ParentKey).Where(g => g.Key is not null)
            .Select(g => new Partition(g.Key!, [.. g.Select(c => c.Key)])).ToList();

        var end = Math.Min(StartOf(request.To.AddDays(1)).UtcTicks, asOf.UtcTicks);
        var start = StartOf(request.From).UtcTicks;
        // Each person's latest answer in the period, found and numbered once, though they count in several
        // groups. Numbering copies the answer's value, so it is done person by person while their answers
        // are in the cache: figure by figure it would fetch 100,000 people's arrays once per figure.
        var latest = new int[book.People.Count];
        var latestSlot = new int[book.People.Count];
        foreach (var person in chosen)
        {
            latest[person.Index] = book.SeriesOf(person.Index).LatestWithin(start, end);
            latestSlot[person.Index] = latest[person.Index] < 0 ? -1 : book.Slot(person.Index, latest[person.Index]);
        }
        var months = MonthsOf(request.From, request.To);
        var figures = new List<Figure>();
        trendOf ??= g => g.Key == Organisation || request.Trend == InsightRequest.EveryTrend || g.Id == request.Trend;
        int[][]? monthly = null;
        foreach (var group in groups)
        {
            figures.Add(Counted(group.Key, group.People, latestSlot));
            if (!trendOf(group))
            {
                continue;
            }
            monthly ??= LatestPerMonth(chosen, book, latest, months, start);
            for (var m = 0; m < months.Count; m++)
            {
                figures.Add(Counted(MonthKey(group.Key, months[m]), group.People, monthly[m]));
            }
        }
        return new InsightFigures { Groups = groups, Figures = figures, Partitions = partitions, Answers = book, Months = months };
    }

    /// <summary>
    /// Each person's latest answer in each month of the period, numbered (-1: none), found in one walk back
    /// from their latest answer in the period rather than a search per month, person by person (see above).
    /// </summary>
    private static int[][] LatestPerMonth(List<GroupedPerson> people, AnswerBook book, int[] latest, List<DateOnly> months, long start)
    {
        var monthly = new int[months.Count][];
        for (var m = 0; m < months.Count; m++)
        {
            monthly[m] = new int[book.People.Count];
            Array.Fill(monthly[m], -1);
        }
        var starts = months.Select(m => Math.Max(start, StartOf(m).UtcTicks)).ToArray();
        foreach (var person in people)
        {
            var ticks = book.SeriesOf(person.Index).Columns.Ticks;
            var m = months.Count - 1;
            for (var i = latest[person.Index]; i >= 0 && ticks[i] >= start; i--)
            {
                while (ticks[i] < starts[m])
                {
                    m--;
                }
                if (monthly[m][person.Index] < 0)
                {
                    monthly[m][person.Index] = book.Slot(person.Index, i); // walking back, the first met in a month is its latest
                }
            }
        }
        return monthly;
    }

    /// <summary>A figure over each person's one numbered answer in <paramref name="slotOf"/>, by person (-1: none).</summary>
    private static Figure Counted(string key, IReadOnlyList<GroupedPerson> people, int[] slotOf)
    {
        var count = 0;
        foreach (var person in people)
        {
            count += slotOf[person.Index] >= 0 ? 1 : 0;
        }
        var (answers, persons) = (new int[count], new int[count]);
        var at = 0;
        foreach (var person in people)
        {
            if (slotOf[person.Index] is var slot and >= 0)
            {
                (answers[at], persons[at]) = (slot, person.Index);
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
        List<GroupedPerson> Subtree(int team) => [.. Organisations.TeamTree.WithNested(children, [team]).SelectMany(t => byTeam[t])];
        return teams.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new InsightGroup(TeamKey(t.Id), t.Id.ToString(CultureInfo.InvariantCulture), t.Name,
            t.ParentId is { } parent ? TeamKey(parent) : Organisation, Subtree(t.Id)));
    }

    private static string TeamKey(int id) => $"team:{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>One group per recorded value, and one for people with none recorded, so the groups cover everyone.</summary>
    private static IEnumerable<InsightGroup> LabelGroups(string kind, IReadOnlyList<GroupedPerson> people, Func<GroupedPerson, string?> label) =>
        people.GroupBy(p => label(p) ?? "", StringComparer.Ordinal).OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.CurrentCulture)
            .Select(g => g.Key.Length == 0
                ? new InsightGroup($"{kind}:{NotRecorded}", NotRecorded, "Not recorded", Organisation, [.. g])
                : new InsightGroup($"{kind}:{g.Key}", g.Key, g.Key, Organisation, [.. g]));

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
