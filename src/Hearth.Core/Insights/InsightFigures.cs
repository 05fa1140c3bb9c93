using System.Globalization;

namespace Hearth.Core.Insights;

/// <summary>One scored answer as the dashboard reads it.</summary>
internal sealed record ScoredAnswer(long MeasurementId, string UserId, DateTimeOffset SubmittedAt, double Value, string? Band);

/// <summary>A person as the dashboard groups them.</summary>
internal sealed record GroupedPerson(string UserId, int? TeamId, string? Profession, string? Site, bool Active);

internal sealed record TeamNode(int Id, string Name, int? ParentId);

/// <summary>A group on the dashboard: its key (also the figure's), what the page calls it, its parent, and its people.</summary>
internal sealed record InsightGroup(string Key, string Id, string Name, string? ParentKey, IReadOnlyList<GroupedPerson> People);

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
    public required IReadOnlyDictionary<long, ScoredAnswer> Answers { get; init; }
    public required IReadOnlyList<DateOnly> Months { get; init; }

    public static string MonthKey(string group, DateOnly month) => $"{group}@{month:yyyy-MM}";

    /// <param name="trendOf">Whether a group (by key) gets monthly figures; by default the organisation and the request's trend group.</param>
    public static InsightFigures Build(InsightRequest request, IReadOnlyList<ScoredAnswer> answers, IReadOnlyList<GroupedPerson> people, IReadOnlyList<TeamNode> teams,
        Func<InsightGroup, bool>? trendOf = null)
    {
        var chosen = people.Where(p => (request.Profession is null || p.Profession == request.Profession) && (request.Site is null || p.Site == request.Site)).ToList();
        var groups = new List<InsightGroup> { new(Organisation, Organisation, "Whole organisation", null, chosen) };
        groups.AddRange(request.By switch
        {
            InsightGrouping.Team => TeamGroups(chosen, teams),
            InsightGrouping.Profession => LabelGroups("profession", chosen, p => p.Profession),
            _ => LabelGroups("site", chosen, p => p.Site),
        });
        var partitions = groups.GroupBy(g => g.ParentKey).Where(g => g.Key is not null)
            .Select(g => new Partition(g.Key!, [.. g.Select(c => c.Key)])).ToList();

        var byPerson = answers.GroupBy(a => a.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.SubmittedAt).ThenBy(a => a.MeasurementId).ToList(), StringComparer.Ordinal);
        var months = MonthsOf(request.From, request.To);
        var figures = new List<Figure>();
        trendOf ??= g => g.Key == Organisation || request.Trend == InsightRequest.EveryTrend || g.Id == request.Trend;
        foreach (var group in groups)
        {
            figures.Add(Latest(group.Key, group.People, byPerson, _ => true));
            if (!trendOf(group))
            {
                continue;
            }
            foreach (var month in months)
            {
                figures.Add(Latest(MonthKey(group.Key, month), group.People, byPerson,
                    a => a.SubmittedAt.Year == month.Year && a.SubmittedAt.Month == month.Month));
            }
        }
        return new InsightFigures
        {
            Groups = groups,
            Figures = figures,
            Partitions = partitions,
            Answers = answers.ToDictionary(a => a.MeasurementId),
            Months = months,
        };
    }

    private static Figure Latest(string key, IReadOnlyList<GroupedPerson> people, Dictionary<string, List<ScoredAnswer>> byPerson, Func<ScoredAnswer, bool> within)
    {
        var chosen = new Dictionary<long, string>();
        foreach (var person in people)
        {
            if (byPerson.TryGetValue(person.UserId, out var list) && list.LastOrDefault(within) is { } latest)
            {
                chosen[latest.MeasurementId] = person.UserId;
            }
        }
        return new Figure(key, chosen);
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
