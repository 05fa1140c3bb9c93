using CsCheck;
using Hearth.Content.Instruments;
using Hearth.Core.Insights;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Tests.Persistence;
using Hearth.Core.Tests.Cohorts;
using Hearth.Tests;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Core.Tests.Insights;

/// <summary>
/// Generated organisations (team trees, professions, sites, who answered when) are asked every dashboard
/// question in turn by one lead: every grouping, every filter, every period, with their monthly trends.
/// An attacker then takes every figure shown — its count and mean, so its sum — and tries to solve for any
/// single answer by linear algebra (the most any combination of subtractions can do). It must fail: no
/// answer's unit vector lies in the span of the figures' membership vectors. The memberships are worked
/// out here from the generated data, independently of the code under test.
/// </summary>
public class DifferencingAttackPropertyTests
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private static readonly string?[] Professions = ["nurse", "psychologist", null];
    private static readonly string?[] Sites = ["north", "south", null];

    private sealed record Person(int Team, string? Profession, string? Site, int[] AnswerMonths, int[] Values);

    private sealed record World(int[] TeamParents, Person[] People);

    private static readonly Gen<World> GenWorld =
        from teams in Gen.Int[2, 5]
        from parents in Gen.Int[-1, 4].Array[teams]
        from people in Gen.Select(Gen.Int[-1, teams - 1], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 2].Array[1, 3], Gen.Int[0, 25].Array[3])
            .Array[12, 40]
        select new World(
            [.. parents.Select((p, i) => p >= 0 && p < i ? p : -1)], // a parent is an earlier team, so the tree has no cycle
            [.. people.Select(p => new Person(p.Item1, Professions[p.Item2], Sites[p.Item3], [.. p.Item4.Distinct()], p.Item5))]);

    [Fact]
    public async Task No_single_answer_can_be_reconstructed_from_everything_a_lead_is_shown()
    {
        await GenWorld.SampleAsync(async world =>
        {
            await using var test = await TestDatabases.CreateAsync(TestDatabases.Sqlite);
            var clock = new FixedClock(new DateTimeOffset(Start.AddMonths(4).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            var (answers, members) = await SeedAsync(test.Db, world);
            var insights = new OrganisationInsights(test.Db, TestInstruments.Shipped.Value, clock);

            var rows = new List<HashSet<long>>();
            var windows = new (int From, int To)[] { (0, 0), (0, 1), (1, 1), (0, 2), (1, 2) };
            foreach (var by in Enum.GetValues<InsightGrouping>())
            {
                foreach (var (profession, site) in new (string?, string?)[] { (null, null), ("nurse", null), (null, "north") })
                {
                    foreach (var (from, to) in windows)
                    {
                        var request = new InsightRequest("who-5", "total", by, Start.AddMonths(from), Start.AddMonths(to + 1).AddDays(-1), profession, site, InsightRequest.EveryTrend);
                        var response = (await insights.ScoresAsync("lead", request)).Value!;
                        foreach (var group in response.Groups.Prepend(response.Organisation))
                        {
                            var people = members(by, group.Id, profession, site);
                            Collect(rows, answers, people, from, to, group.N, group.Mean, $"{by} {group.Name} {from}-{to}");
                            foreach (var point in group.Trend)
                            {
                                var month = (point.Month.Year - Start.Year) * 12 + point.Month.Month - Start.Month;
                                Collect(rows, answers, people, month, month, point.N, point.Mean, $"{by} {group.Name} month {month}");
                            }
                        }
                    }
                }
            }

            var ids = answers.Select(a => a.Id).ToList();
            var column = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
            if (rows.Count == 0 || ids.Count == 0)
            {
                return;
            }
            var shown = Matrix<double>.Build.Dense(rows.Count, ids.Count, (r, c) => rows[r].Contains(ids[c]) ? 1 : 0);
            var rank = shown.Rank();
            foreach (var id in ids)
            {
                var withOne = shown.InsertRow(rows.Count, Vector<double>.Build.Dense(ids.Count, c => c == column[id] ? 1 : 0));
                Assert.True(withOne.Rank() > rank, $"answer {id} can be reconstructed from the {rows.Count} figures shown");
            }
        }, iter: 20, threads: 1); // about 150 figures shown per world, of rank about 30 over 60 answers
    }

    private sealed record Answer(long Id, string Person, int Month, double Value);

    /// <summary>
    /// The figure's members as its definition says (each person's latest answer in the months), checked
    /// against what the response showed, and added to the attacker's rows when shown.
    /// </summary>
    private static void Collect(List<HashSet<long>> rows, List<Answer> answers, IReadOnlySet<string> people, int from, int to, int? n, double? mean, string what)
    {
        var latest = answers.Where(a => people.Contains(a.Person) && a.Month >= from && a.Month <= to)
            .GroupBy(a => a.Person).Select(g => g.OrderBy(a => a.Month).ThenBy(a => a.Id).Last()).ToList();
        if (n is null)
        {
            return;
        }
        Assert.True(latest.Count == n, $"{what}: shown n = {n}, but {latest.Count} people answered");
        Assert.True(Math.Abs(latest.Average(a => a.Value) - mean!.Value) < 1e-9, $"{what}: the mean shown is not the members' mean");
        Assert.True(n >= 5, $"{what}: a figure from {n} people");
        rows.Add([.. latest.Select(a => a.Id)]);
    }

    /// <summary>Stores the world; returns its answers and, for a group shown, who belongs to it.</summary>
    private static async Task<(List<Answer>, Func<InsightGrouping, string, string?, string?, IReadOnlySet<string>>)> SeedAsync(Hearth.Core.Persistence.HearthDbContext db, World world)
    {
        var teams = world.TeamParents.Select((_, i) => new Team { Name = $"Team {i}" }).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
        for (var i = 0; i < teams.Count; i++)
        {
            teams[i].ParentId = world.TeamParents[i] >= 0 ? teams[world.TeamParents[i]].Id : null;
        }
        db.Users.Add(new HearthUser { Id = "lead", UserName = "lead", Email = "lead@test.example", DisplayName = "Lead" });
        var people = world.People.Select((p, i) => (Id: $"person{i}", p)).ToList();
        foreach (var (id, p) in people)
        {
            db.Users.Add(new HearthUser { Id = id, UserName = id, Email = $"{id}@test.example", DisplayName = id, TeamId = p.Team >= 0 ? teams[p.Team].Id : null, Profession = p.Profession, Site = p.Site });
        }
        await db.SaveChangesAsync();
        var answers = new List<Answer>();
        foreach (var (id, p) in people)
        {
            foreach (var (month, j) in p.AnswerMonths.Select((m, j) => (m, j)))
            {
                var at = new DateTimeOffset(Start.AddMonths(month).AddDays(3 + j).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                var measurement = new Measurement { UserId = id, InstrumentId = "who-5", InstrumentVersion = "1", SubmittedAt = at, AnswersJson = "{}", SafetyRules = null };
                measurement.Scores.Add(new MeasurementScore { ScoreId = "total", Value = p.Values[j % p.Values.Length] });
                db.Measurements.Add(measurement);
                await db.SaveChangesAsync();
                answers.Add(new Answer(measurement.Id, id, month, p.Values[j % p.Values.Length]));
            }
        }

        bool InSubtree(int? team, int root) => team is { } t && (t == root || (world.TeamParents[t] is var parent && parent >= 0 && InSubtree(parent, root)));
        IReadOnlySet<string> Members(InsightGrouping by, string groupId, string? profession, string? site)
        {
            var chosen = people.Where(x => (profession is null || x.p.Profession == profession) && (site is null || x.p.Site == site));
            if (groupId == "org")
            {
                return chosen.Select(x => x.Id).ToHashSet();
            }
            return by switch
            {
                InsightGrouping.Team => chosen.Where(x => InSubtree(x.p.Team >= 0 ? x.p.Team : null, teams.FindIndex(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == groupId))).Select(x => x.Id).ToHashSet(),
                InsightGrouping.Profession => chosen.Where(x => (x.p.Profession ?? InsightLabels.NotRecorded) == groupId).Select(x => x.Id).ToHashSet(),
                _ => chosen.Where(x => (x.p.Site ?? InsightLabels.NotRecorded) == groupId).Select(x => x.Id).ToHashSet(),
            };
        }
        return (answers, Members);
    }
}
