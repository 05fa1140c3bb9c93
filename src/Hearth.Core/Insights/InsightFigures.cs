using System.Globalization;

namespace Hearth.Core.Insights;

/// <summary>A person as the dashboard groups them; <paramref name="Index"/> numbers them within one question.</summary>
internal sealed record GroupedPerson(int Index, string UserId, int? TeamId, string? Profession, string? Site, bool Active);

internal sealed record TeamNode(int Id, string Name, int? ParentId);

/// <summary>A group on the dashboard: its key (also the figure's), what the page calls it, its parent, and its people.</summary>
internal sealed record InsightGroup(string Key, string Id, string Name, string? ParentKey, IReadOnlyList<GroupedPerson> People);

/// <summary>
/// The answers one question can see (its own and those of the earlier questions it is audited against),
/// numbered densely in the order figures first use them, as <see cref="Figure"/> wants.
/// </summary>
internal sealed class AnswerBook
{
    private readonly AnswerSeries[] _series;
    private readonly Dictionary<long, int> _slots = [];
    private readonly List<(int Person, int Answer)> _answers = [];

    public AnswerBook(IReadOnlyList<GroupedPerson> people, AnswerSeries[] series)
    {
        (People, _series) = (people, series);
    }

    public IReadOnlyList<GroupedPerson> People { get; }

    public AnswerSeries SeriesOf(int person) => _series[person];

    /// <summary>The number a figure gives a person's <paramref name="answer"/>-th answer.</summary>
    public int Slot(int person, int answer)
    {
        var key = ((long)person << 32) | (uint)answer;
        if (!_slots.TryGetValue(key, out var slot))
        {
            _slots[key] = slot = _answers.Count;
            _answers.Add((person, answer));
        }
        return slot;
    }

    public double Value(int slot) => _series[_answers[slot].Person].Columns.Values[_answers[slot].Answer];

    public string? Band(int slot) => _series[_answers[slot].Person].Columns.Bands[_answers[slot].Answer];

    /// <summary>Whether anyone answered at or after <paramref name="start"/> and before <paramref name="end"/>.</summary>
    public bool AnyWithin(DateTimeOffset start, DateTimeOffset end)
    {
        foreach (var series in _series)
        {
            if (series.AnyWithin(start.UtcTicks, end.UtcTicks))
            {
                return true;
            }
        }
        return false;
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
        // Each person's latest answer in the period, found once, though they count in several groups.
        var latest = new int[book.People.Count];
        foreach (var person in chosen)
        {
            latest[person.Index] = book.SeriesOf(person.Index).LatestWithin(start, end);
        }
        var months = MonthsOf(request.From, request.To);
        var figures = new List<Figure>();
        trendOf ??= g => g.Key == Organisation || request.Trend == InsightRequest.EveryTrend || g.Id == request.Trend;
        foreach (var group in groups)
        {
            figures.Add(Counted(group.Key, group.People, book, p => latest[p]));
            if (!trendOf(group))
            {
                continue;
            }
            foreach (var month in months)
            {
                var (monthStart, monthEnd) = (Math.Max(start, StartOf(month).UtcTicks), Math.Min(end, StartOf(month.AddMonths(1)).UtcTicks));
                figures.Add(Counted(MonthKey(group.Key, month), group.People, book, p => book.SeriesOf(p).LatestWithin(monthStart, monthEnd)));
            }
        }
        return new InsightFigures { Groups = groups, Figures = figures, Partitions = partitions, Answers = book, Months = months };
    }

    /// <summary>A figure over each person's one answer that <paramref name="answerOf"/> picks (-1: none).</summary>
    private static Figure Counted(string key, IReadOnlyList<GroupedPerson> people, AnswerBook book, Func<int, int> answerOf)
    {
        var answers = new List<int>(people.Count);
        var persons = new List<int>(people.Count);
        foreach (var person in people)
        {
            var answer = answerOf(person.Index);
            if (answer >= 0)
            {
                answers.Add(book.Slot(person.Index, answer));
                persons.Add(person.Index);
            }
        }
        return new Figure(key, [.. answers], [.. persons]);
    }

/// <summary>Every team, with the people of its whole subtree: a service includes its wards.</summary>
    private static IEnumerable<InsightGroup> TeamGroups(IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams)
    {
        var tree = teams.Select(t => (t.Id, t.ParentId)).ToList();
        var byTeam = people.Where(p => p.TeamId is not null).ToLookup(p => p.TeamId!.Value);
        List<GroupedPerson> Subtree(int team) => [.. Organisations.TeamTree.WithNested(tree, [team]).SelectMany(t => byTeam[t])];
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
