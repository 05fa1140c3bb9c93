using Hearth.Content.Groups;

namespace Hearth.Content.Tests.Groups;

public class DyadPairingTests
{
    private static List<string> Roster(int n) => [.. Enumerable.Range(1, n).Select(i => $"p{i}")];

    private static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    public static TheoryData<int> EvenSizes() => [2, 4, 6, 8, 10, 12, 16, 20];

    public static TheoryData<int> OddSizes() => [3, 5, 7, 9, 11, 15, 19];

    [Theory]
    [MemberData(nameof(EvenSizes))]
    public void With_an_even_roster_every_pair_meets_exactly_once_per_cycle(int n)
    {
        var roster = Roster(n);
        var met = new Dictionary<(string, string), int>();
        for (var round = 0; round < n - 1; round++)
        {
            var groups = DyadPairing.ForRound(roster, round);
            Assert.All(groups, g => Assert.Equal(2, g.Count));
            Assert.Equal(roster.Order(), groups.SelectMany(g => g).Order());
            foreach (var g in groups)
            {
                met[Key(g[0], g[1])] = met.GetValueOrDefault(Key(g[0], g[1])) + 1;
            }
        }
        Assert.Equal(n * (n - 1) / 2, met.Count);
        Assert.All(met.Values, count => Assert.Equal(1, count));
        // The next cycle starts again from the first round.
        Assert.Equal(DyadPairing.ForRound(roster, 0).Select(g => string.Join(",", g)), DyadPairing.ForRound(roster, n - 1).Select(g => string.Join(",", g)));
    }

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void With_an_odd_roster_one_trio_forms_and_every_pair_meets_within_a_cycle(int n)
    {
        var roster = Roster(n);
        var met = new HashSet<(string, string)>();
        for (var round = 0; round < n; round++)
        {
            var groups = DyadPairing.ForRound(roster, round);
            Assert.Single(groups, g => g.Count == 3);
            Assert.All(groups, g => Assert.InRange(g.Count, 2, 3));
            Assert.Equal(roster.Order(), groups.SelectMany(g => g).Order());
            foreach (var g in groups)
            {
                for (var i = 0; i < g.Count; i++)
                {
                    for (var j = i + 1; j < g.Count; j++)
                    {
                        met.Add(Key(g[i], g[j]));
                    }
                }
            }
        }
        Assert.Equal(n * (n - 1) / 2, met.Count);
    }

    [Fact]
    public void Absentees_partners_are_paired_again_on_the_day()
    {
        var roster = Roster(8);
        var random = new Random(7);
        for (var trial = 0; trial < 200; trial++)
        {
            var present = roster.Where(_ => random.Next(4) != 0).ToHashSet();
            var groups = DyadPairing.OnTheDay(roster, trial % 7, present);
            Assert.Equal(present.Order(), groups.SelectMany(g => g).Order());
            if (present.Count >= 2)
            {
                Assert.All(groups, g => Assert.InRange(g.Count, 2, 3));
                Assert.True(groups.Count(g => g.Count == 3) <= 1);
            }
        }
    }

    [Fact]
    public void A_new_partner_on_the_day_is_preferably_someone_not_met_before()
    {
        // Round 0 of p1..p4 pairs p1–p4 and p2–p3. With p4 and p3 absent, p1 and p2 must pair; add p5..p6 to give a choice.
        var roster = Roster(6);
        var planned = DyadPairing.ForRound(roster, 0);
        var present = roster.ToHashSet();
        var absent = planned.Where(g => g.Count == 2).Take(2).Select(g => g[1]).ToList();
        present.ExceptWith(absent);
        var left = planned.Where(g => g.Count == 2).Take(2).Select(g => g[0]).ToList();
        var met = new Dictionary<(string, string), int> { [Key(left[0], left[1])] = 3 };
        var groups = DyadPairing.OnTheDay(roster, 0, present, met);
        Assert.Equal(present.Order(), groups.SelectMany(g => g).Order());
    }
}

public class BalintRotaTests
{
    [Fact]
    public void Nobody_presents_twice_before_everybody_has_presented_once()
    {
        var roster = Enumerable.Range(1, 7).Select(i => $"m{i}").ToList();
        var random = new Random(11);
        var history = new List<string>();
        for (var meeting = 0; meeting < 60; meeting++)
        {
            var volunteers = roster.Where(_ => random.Next(3) == 0).ToHashSet();
            var presenter = BalintRota.NextPresenter(roster, history, roster.ToHashSet(), volunteers)!;
            history.Add(presenter);
            var counts = roster.Select(m => history.Count(h => h == m)).ToList();
            Assert.True(counts.Max() - counts.Min() <= 1, $"after meeting {meeting + 1}: {string.Join(",", counts)}");
        }
    }

    [Fact]
    public void Volunteers_who_are_due_go_first()
    {
        var roster = new[] { "a", "b", "c", "d" };
        Assert.Equal("c", BalintRota.NextPresenter(roster, ["a"], roster.ToHashSet(), new HashSet<string> { "c", "a" }));
    }

    [Fact]
    public void Without_volunteers_the_longest_waiting_member_is_asked()
    {
        var roster = new[] { "a", "b", "c" };
        Assert.Equal("b", BalintRota.NextPresenter(roster, ["a", "b", "c", "a"], roster.ToHashSet(), new HashSet<string>()));
    }

    [Fact]
    public void When_everyone_due_is_absent_the_least_frequent_present_member_presents()
    {
        var roster = new[] { "a", "b", "c" };
        // c (never presented) is away: of a and b (once each), a presented longer ago
        Assert.Equal("a", BalintRota.NextPresenter(roster, ["a", "b"], new HashSet<string> { "a", "b" }, new HashSet<string>()));
        Assert.Null(BalintRota.NextPresenter(roster, [], new HashSet<string>(), new HashSet<string>()));
    }
}
