using Hearth.Core.Insights;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Insights;

/// <summary>Team demands imported all or nothing; an organisational change evaluated against teams without it.</summary>
public class JobDemandsAndChangesTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static async Task<List<Team>> TeamsAsync(Hearth.Core.Persistence.HearthDbContext db, params string[] names)
    {
        var teams = names.Select(n => new Team { Name = n }).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
        return teams;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_file_with_any_bad_line_imports_nothing_and_names_every_problem_and_a_good_one_replaces_its_months(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "lead");
        await TeamsAsync(f.Db, "Ward A", "Ward B");
        var demands = new JobDemands(f.Db, f.Clock);
        const string bad = """
            team,month,caseload,sick_leave_days
            Ward A,2026-01,28,3
            Ward Z,2026-01,20,1
            Ward B,2026-13,20,1
            Ward A,2026-01,27,2
            Ward B,2026-02,-4,
            """;
        var (written, problems) = await demands.ImportAsync("lead", new StringReader(bad), "demands.csv");
        Assert.Equal(0, written);
        Assert.Contains(problems, p => p.Location == "line 4, column 'month'" && p.Message.Contains("'2026-13' is not a month", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Location == "line 5" && p.Message.Contains("already on line 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Location == "line 6, column 'caseload'");
        Assert.Equal(0, await f.Db.TeamMonths.CountAsync());

        // Format right but a team unknown: still nothing written.
        var (_, unknown) = await demands.ImportAsync("lead", new StringReader("team,month,caseload\nWard A,2026-01,28\nWard Z,2026-01,20\n"), "demands.csv");
        Assert.Equal("line 3, column 'team'", Assert.Single(unknown).Location);
        Assert.Equal(0, await f.Db.TeamMonths.CountAsync());

        var (good, none) = await demands.ImportAsync("lead", new StringReader("team,month,caseload,sick_leave_days\nward a,2026-01,28,3\nWard B,2026-01,20,\n"), "demands.csv");
        Assert.Empty(none);
        Assert.Equal(2, good);
        (await demands.ImportAsync("lead", new StringReader("team,month,caseload\nWard A,2026-01,24\n"), "again.csv")).Problems.ToList().ForEach(p => Assert.Fail(p.ToString()));
        var a = await f.Test.Fresh().TeamMonths.SingleAsync(t => t.Month == new DateOnly(2026, 1, 1) && t.Caseload == 24);
        Assert.Equal(3, a.SickLeaveDays); // a later file replaces the figures it gives and keeps the others
        Assert.Equal(2, await f.Db.AuditEntries.CountAsync(e => e.Action == "job-demands-import"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_change_is_evaluated_against_teams_without_it_and_over_its_own_trend(string provider)
    {
        var people = Enumerable.Range(0, 24).Select(i => $"c{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "lead"]);
        var teams = await TeamsAsync(f.Db, "Capped 1", "Capped 2", "Other 1", "Other 2");
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            (await f.Db.Users.SingleAsync(u => u.Id == person)).TeamId = teams[i % 4].Id;
        }
        // Eighteen months of monthly scores: a common trend, team levels, and +10 in the capped teams from month 9.
        var start = new DateOnly(2025, 1, 1);
        var random = new Random(5);
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            for (var month = 0; month < 18; month++)
            {
                var capped = i % 4 < 2 && month >= 9;
                var value = 50 + month * 0.5 + (i % 4) * 3 + (capped ? 10 : 0) + random.NextDouble() * 4 - 2;
                var m = new Measurement { UserId = person, InstrumentId = "who-5", InstrumentVersion = "1", SubmittedAt = new DateTimeOffset(start.AddMonths(month).AddDays(4).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), AnswersJson = "{}" };
                m.Scores.Add(new MeasurementScore { ScoreId = "total", Value = value });
                f.Db.Measurements.Add(m);
            }
        }
        await f.Db.SaveChangesAsync();
        var clock = new FixedClock(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var changes = new OrganisationalChanges(f.Db, TestInstruments.Shipped.Value, clock);
        Assert.Equal("Teams", OutcomeAssert.Refused(await changes.LogAsync("lead", new ChangeDraft("Cap", ChangeKind.CaseloadCap, null, start.AddMonths(9), [], null))).Field);
        Assert.Equal("Title", OutcomeAssert.Refused(await changes.LogAsync("lead", new ChangeDraft(" ", ChangeKind.CaseloadCap, null, start.AddMonths(9), [teams[0].Id], null))).Field);
        var change = (await changes.LogAsync("lead", new ChangeDraft("Caseload cap", ChangeKind.CaseloadCap, "At most 24 cases", start.AddMonths(9), [teams[0].Id, teams[1].Id], null))).Require();

        var evaluation = (await changes.EvaluateAsync(change.Id, "who-5", "total")).Require();
        Assert.Null(evaluation.DidProblem);
        Assert.InRange(evaluation.Did!.Effect.Estimate, 9, 11);
        Assert.Equal(4, evaluation.Did.Clusters);
        Assert.Equal(3, evaluation.Did.Effect.Df); // G − 1
        Assert.True(evaluation.Did.Effect.CiLower > 0);
        Assert.Contains("rose by", evaluation.DidWords, StringComparison.Ordinal);
        Assert.Null(evaluation.ItsProblem);
        Assert.InRange(evaluation.Its!.LevelChange.Estimate, 7, 13);
        Assert.Equal(18, evaluation.Months.Count);
        Assert.All(evaluation.Months, m => Assert.NotNull(m.WithChange)); // twelve people a month: above k
        OutcomeAssert.Missing(await changes.EvaluateAsync(change.Id + 100, "who-5", "total"));
        Assert.Equal("measure", OutcomeAssert.Refused(await changes.EvaluateAsync(change.Id, "who-5", "nope")).Field);
    }
}
