using Hearth.Core.Insights;

namespace Hearth.Core.Tests.Insights;

/// <summary>The rules that keep a dashboard from singling anyone out, on hand-made groups.</summary>
public class DisclosureControlTests
{
    private static readonly DisclosureControl Control = new(5);

    /// <summary>A figure over people p{from}…p{to}, each with one answer whose id is the person's number plus <paramref name="window"/>.</summary>
    private static Figure People(string key, int from, int to, int window = 0) =>
        new(key, [.. Enumerable.Range(from, to - from + 1).Select(i => i + window)], [.. Enumerable.Range(from, to - from + 1)]);

    private static Figure Of(string key, params int[] people) => new(key, people, people);

    [Fact]
    public void Figures_listed_in_person_order_are_audited_as_figures_listed_in_any_order()
    {
        // Sorted people take the blocked path (several blocks of 4,096 people here); the same figures listed
        // backwards take the plain one. Both must group answers into the same atoms and decide the same.
        var random = new Random(7);
        const int People = 9000;
        var latest = Enumerable.Range(0, People).ToArray();                                  // answer p: p's latest
        var monthly = Enumerable.Range(0, 3).Select(m => Enumerable.Range(0, People).Select(p => m == 2 ? p : People + p * 2 + m).ToArray()).ToArray();
        var figures = new List<Figure> { new("org", latest, [.. Enumerable.Range(0, People)]) };
        for (var m = 0; m < 3; m++)
        {
            figures.Add(new Figure($"org@{m}", monthly[m], [.. Enumerable.Range(0, People)]));
        }
        // Teams of 2 to 12, two to a service: a service less its one shown team would give a small one away.
        for (int start = 0, team = 0; start < People; team += 2)
        {
            var (first, second) = (random.Next(2, 13), random.Next(2, 13));
            first = Math.Min(People - start, first);
            second = Math.Min(People - start - first, second);
            figures.Add(new Figure($"team{team}", [.. Enumerable.Range(start, first)], [.. Enumerable.Range(start, first)]));
            figures.Add(new Figure($"team{team + 1}", [.. Enumerable.Range(start + first, second)], [.. Enumerable.Range(start + first, second)]));
            figures.Add(new Figure($"service{team / 2}", [.. Enumerable.Range(start, first + second)], [.. Enumerable.Range(start, first + second)]));
            start += first + second;
        }
        var backwards = figures.Select(f => new Figure(f.Key, [.. f.Answers.Reverse()], [.. f.Persons.Reverse()])).ToList();

        var inOrder = Control.Decide(figures, [], []);
        var anyOrder = Control.Decide(backwards, [], []);

        Assert.Contains(inOrder.Values, reason => reason == SuppressionReason.Subtraction);
        Assert.Equal(inOrder.OrderBy(p => p.Key, StringComparer.Ordinal), anyOrder.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void What_was_seen_before_excuses_only_the_very_same_total_not_another_total_over_the_same_person()
    {
        // Seen before: person 1's answer in two periods beside the same five colleagues, so the change between
        // them (answer 1 less answer 2, one person) was already derivable; and five others on their own.
        var seen = new DisclosureControl.Context(
            [new Figure("then", [1, 2, 3, 4, 5, 6], [1, 11, 12, 13, 14, 15]), new Figure("later", [7, 2, 3, 4, 5, 6], [1, 11, 12, 13, 14, 15]),
             new Figure("others", [21, 22, 23, 24, 25], [21, 22, 23, 24, 25])],
            SuppressionReason.Subtraction);
        // Now person 1's first answer with those five others: less "others", it is answer 1 alone. Six people,
        // harmless on its own, and about the same one person as before, but a new total: it must be withheld.
        // (Answers are numbered so that the form's own rows hold "answer 1 less answer 7" before "now" is added.)
        var decided = Control.Decide([new Figure("now", [1, 21, 22, 23, 24, 25], [1, 21, 22, 23, 24, 25])], [], [seen]);
        Assert.Equal(SuppressionReason.Subtraction, decided["now"]);
    }

    [Fact]
    public void A_group_of_fewer_than_k_is_suppressed_and_one_of_k_is_shown()
    {
        var decided = Control.Decide([People("org", 1, 19), People("small", 1, 4), People("five", 5, 9), People("ten", 10, 19)], [], []);
        Assert.Equal(SuppressionReason.TooFew, decided["small"]);
        // The organisation less the others would give the small group: one of them gives way, the smaller.
        Assert.Equal(SuppressionReason.Subtraction, decided["five"]);
        Assert.Equal(2, decided.Count);
    }

    [Fact]
    public void The_audit_finds_a_remainder_even_where_no_partition_was_declared()
    {
        // The organisation's nine less the five would be the four, though nobody said the five were part of it.
        var decided = Control.Decide([People("org", 1, 9), People("small", 1, 4), People("five", 5, 9)], [], []);
        Assert.Equal(SuppressionReason.TooFew, decided["small"]);
        Assert.Equal(SuppressionReason.Subtraction, decided["five"]);
        Assert.False(decided.ContainsKey("org"));
    }

    [Fact]
    public void A_child_that_leaves_fewer_than_k_of_its_parent_uncovered_is_suppressed_too()
    {
        // A team of 9: five in a sub-team and four directly in it. Showing both would give the four by subtraction.
        var decided = Control.Decide([People("org", 1, 20), People("team", 1, 9), People("sub", 1, 5), People("other", 10, 20)],
            [new Partition("org", ["team", "other"]), new Partition("team", ["sub"])], []);
        Assert.Equal(SuppressionReason.Subtraction, decided["sub"]);
        Assert.Single(decided); // the organisation, the team and the other team stay
    }

    [Fact]
    public void Of_siblings_the_next_smallest_gives_way_when_one_is_too_small()
    {
        // Teams of 3, 6 and 12 under one parent of 21: the 3 is too few, and showing 6 and 12 would give it by subtraction.
        var decided = Control.Decide([People("org", 1, 21), People("three", 1, 3), People("six", 4, 9), People("twelve", 10, 21)],
            [new Partition("org", ["three", "six", "twelve"])], []);
        Assert.Equal(SuppressionReason.TooFew, decided["three"]);
        Assert.Equal(SuppressionReason.Subtraction, decided["six"]);
        Assert.False(decided.ContainsKey("twelve"));
    }

    [Fact]
    public void Two_responses_that_together_single_out_a_person_are_caught_by_the_audit()
    {
        // Team A: five nurses and one psychologist; team B: six psychologists. Teams, then professions:
        // A − nurses would be the one psychologist in A, though every group is at least five.
        var teams = new[] { Of("team:A", 1, 2, 3, 4, 5, 6), Of("team:B", 7, 8, 9, 10, 11, 12), Of("org", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) };
        Assert.Empty(Control.Decide(teams, [new Partition("org", ["team:A", "team:B"])], []));
        var professions = new[] { Of("profession:nurse", 1, 2, 3, 4, 5), Of("profession:psychologist", 6, 7, 8, 9, 10, 11, 12), Of("org", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) };
        Assert.Empty(Control.Decide(professions, [new Partition("org", ["profession:nurse", "profession:psychologist"])], [])); // alone, fine
        var decided = Control.Decide(professions, [new Partition("org", ["profession:nurse", "profession:psychologist"])],
            [new DisclosureControl.Context(teams, SuppressionReason.Subtraction)]);
        Assert.Contains(decided, d => d.Value == SuppressionReason.Subtraction);
        Assert.True(decided.ContainsKey("profession:nurse") || decided.ContainsKey("profession:psychologist"));
    }

    [Fact]
    public void An_overlapping_period_that_differs_by_fewer_than_k_people_is_refused_with_the_period_reason()
    {
        // Last quarter ten people answered; this quarter the same ten and one more (new answers, new ids).
        var before = new[] { People("team", 1, 10, window: 1000) };
        var now = People("team", 1, 11, window: 0);
        var nowWithOldAnswers = new Figure("team", [.. now.Answers.Where(a => a != 11).Select(a => a + 1000), 11], [.. now.Persons.Where(p => p != 11), 11]);
        var decided = Control.Decide([nowWithOldAnswers], [], [new DisclosureControl.Context(before, SuppressionReason.Period)]);
        Assert.Equal(SuppressionReason.Period, decided["team"]);
        // With five newcomers the difference is a group of five: allowed.
        var fiveMore = new Figure("team", [.. before[0].Answers, .. Enumerable.Range(11, 5)], [.. before[0].Persons, .. Enumerable.Range(11, 5)]);
        Assert.Empty(Control.Decide([fiveMore], [], [new DisclosureControl.Context(before, SuppressionReason.Period)]));
    }

    [Fact]
    public void A_filtered_team_that_differs_from_the_whole_team_by_one_person_is_refused_as_a_segment()
    {
        var wholeTeam = new[] { People("team", 1, 8) };
        var nursesOfTeam = People("team", 1, 7);
        var decided = Control.Decide([nursesOfTeam], [], [new DisclosureControl.Context(wholeTeam, SuppressionReason.Segment)]);
        Assert.Equal(SuppressionReason.Segment, decided["team"]);
    }
}
