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
    /// <param name="layout">The people as the response grouped them (an earlier response's may differ); by default the book's.</param>
    public static InsightFigures Build(InsightRequest request, AnswerBook book, DateTimeOffset asOf,
        Func<InsightGroup, bool>? trendOf = null, PeopleLayout? layout = null)
    {
        layout ??= book.Layout;
        var (groups, partitions) = GroupsOf(layout, (request.By, request.Profession, request.Site));
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
        // A figure is named by its window, the filter and its key (and, for a group whose members an earlier layout gave
        // otherwise, that layout): nothing else decides its answers within one question. A group with the same members in
        // both layouts has the same figures, built once.
        var window = string.Create(CultureInfo.InvariantCulture, $"{start}-{end}\u001f{request.Profession}\u001f{request.Site}\u001f");
        var earlier = ReferenceEquals(layout, book.Layout) ? [] : Differing(layout, book.Layout, (request.By, request.Profession, request.Site));
        var otherwise = earlier.Count == 0 ? window : window + layout.SnapshotId + "\u001f";
        foreach (var group in groups)
        {
            var named = earlier.Contains(group.Key) ? otherwise : window;
            figures.Add(book.Figure(named + group.Key, () => Counted(group.Key, group.Members, latest)));
            if (!trendOf(group))
            {
                continue;
            }
            trended.Add(group.Key);
            var monthly = book.LatestPerMonth(start, end, months);
            for (var m = 0; m < months.Count; m++)
            {
                var key = MonthKey(group.Key, months[m]);
                figures.Add(book.Figure(named + key, () => Counted(key, group.Members, monthly[m])));
            }
        }
        return new InsightFigures { Groups = groups, Figures = figures, Partitions = partitions, Answers = book, Months = months, Trended = trended };
    }

    /// <summary>The keys of the groups whose members an earlier layout gives otherwise than the current one (worked out once per grouping).</summary>
    internal static HashSet<string> Differing(PeopleLayout earlier, PeopleLayout current, (InsightGrouping By, string? Profession, string? Site) grouping) =>
        earlier.Differing(grouping, () =>
        {
            var now = GroupsOf(current, grouping).Groups.ToDictionary(g => g.Key, g => g.Members, StringComparer.Ordinal);
            return [.. GroupsOf(earlier, grouping).Groups
                .Where(g => !now.TryGetValue(g.Key, out var members) || !members.AsSpan().SequenceEqual(g.Members))
                .Select(g => g.Key)];
        });

    /// <summary>The groups of a grouping (within a profession or site, when one is named), built once per layout.</summary>
    public static (List<InsightGroup> Groups, List<Partition> Partitions) GroupsOf(PeopleLayout layout, (InsightGrouping By, string? Profession, string? Site) grouping)
    {
        if (grouping.By == InsightGrouping.Team && (grouping.Profession is not null || grouping.Site is not null))
        {
            // Every team appears, filtered or not: the unfiltered teams' members, kept if they are in the filter. Walking
            // the tree of 6,000 teams again for each filter made the first filtered question three times as slow.
            var whole = GroupsOf(layout, (InsightGrouping.Team, null, null));
            var (profession, site) = (grouping.Profession, grouping.Site);
            return layout.Groups(grouping, () => Within(whole, layout.People, p => (profession is null || p.Profession == profession) && (site is null || p.Site == site)));
        }
        return layout.Groups(grouping, () => GroupsOf(grouping.By, grouping.Profession, grouping.Site, layout.People, layout.Teams));
    }

    /// <summary>The same groups and partitions with only the members <paramref name="chosen"/> keeps (in the same ascending order).</summary>
    private static (List<InsightGroup>, List<Partition>) Within((List<InsightGroup> Groups, List<Partition> Partitions) whole, List<GroupedPerson> people, Func<GroupedPerson, bool> chosen)
    {
        // By place, not by position in the list: an earlier layout's list leaves out people who have gone since.
        var places = people.Count == 0 ? 0 : people.Max(p => p.Index) + 1;
        var (kept, active) = (new bool[places], new bool[places]);
        foreach (var person in people)
        {
            (kept[person.Index], active[person.Index]) = (chosen(person), person.Active);
        }
        var groups = whole.Groups.Select(g =>
        {
            int[] members = [.. g.Members.Where(i => kept[i])];
            return g with { Members = members, Eligible = members.Count(i => active[i]) };
        }).ToList();
        return (groups, whole.Partitions);
    }

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
