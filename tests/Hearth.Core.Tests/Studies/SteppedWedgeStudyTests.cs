using Hearth.Content.Studies;
using Hearth.Core.Organisations;
using Hearth.Core.Studies;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Studies;

/// <summary>A stepped-wedge study: teams cross from control to intervention in steps drawn from the seed, concealed until each step begins.</summary>
public class SteppedWedgeStudyTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static StudyDraft Wedge(IReadOnlyList<int> teams, int steps = 2, int stepDays = 28) => new(
        "A caseload cap, team by team", null, "Capping caseloads lowers exhaustion.", ["mbi-hss/emotional_exhaustion"], [],
        [new("usual", ArmKind.TreatmentAsUsual, null), new("caseload cap", ArmKind.Active, null)],
        AllocationMethod.Simple, [], [new("clinician", "Do you work with patients?", true)],
        [new WaveDefinition("baseline", WaveAnchor.Enrolment, 0, 14, ["mbi-hss"])], "Europe/London",
        Wedge: new WedgeDraft(steps, stepDays, teams));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Teams_cross_at_their_drawn_step_members_take_their_teams_condition_and_the_order_stays_hidden_until_each_step(string provider)
    {
        var people = Enumerable.Range(1, 13).Select(i => $"t{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher"]);
        var teams = Enumerable.Range(1, 5).Select(i => new Team { Name = $"Team {i}" }).ToList();
        f.Db.Teams.AddRange(teams);
        await f.Db.SaveChangesAsync();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            (await f.Db.Users.SingleAsync(u => u.Id == person)).TeamId = (i == 12 ? teams[4] : teams[i % 4]).Id; // t13 is in team 5, outside the wedge
        }
        await f.Db.SaveChangesAsync();
        var wedgeTeams = teams.Take(4).Select(t => t.Id).ToList();

        var designs = StudyTests.Designs(f);
        foreach (var (draft, field) in new[]
        {
            (Wedge(wedgeTeams) with { Arms = [.. Wedge(wedgeTeams).Arms, new("waitlist", ArmKind.Waitlist, "compassion-training")] }, "Arms"),
            (Wedge(wedgeTeams, steps: 5), "WedgeSteps"),
            (Wedge(wedgeTeams, stepDays: 3), "WedgeStepDays"),
            (Wedge([wedgeTeams[0]]), "WedgeTeams"),
            (Wedge([.. wedgeTeams, 9999]), "WedgeTeams"),
        })
        {
            Assert.Equal(field, OutcomeAssert.Refused(await designs.CreateAsync("researcher", draft)).Field);
        }
        var study = await StudyTests.RecruitingAsync(f, Wedge(wedgeTeams));
        var schedule = StudyWedge.Schedule(await f.Test.Fresh().Studies.SingleAsync(s => s.Id == study.Id));
        Assert.Equal([2, 2], schedule.Crossing.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => g.Count())); // two teams a step
        string Team(int person) => teams[person % 4].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var view = new WedgeSchedules(f.Db, f.Clock);
        var atStart = (await view.ForResearcherAsync("researcher", study.Id))!.Value;
        Assert.Equal(0, atStart.Period);
        Assert.All(atStart.Rows, r => Assert.Equal([false, null, null], r.Intervention)); // nothing revealed beyond the baseline
        Assert.Null(await view.ForResearcherAsync("other-facilitator", study.Id));

        var enrolment = new StudyEnrolment(f.Db, f.Members, f.Clock);
        var answers = new Dictionary<string, bool> { ["clinician"] = true };
        Assert.Equal("Team", OutcomeAssert.Refused(await enrolment.EnrolAsync("t13", study.Id, answers, 1)).Field);
        var arms = new Dictionary<int, string>();
        async Task EnrolAsync(params int[] who)
        {
            foreach (var i in who)
            {
                arms[i] = (await new StudyEnrolment(f.Db, f.Members, f.Clock).EnrolAsync(people[i], study.Id, answers, 1)).Require().Arm;
            }
        }
        await EnrolAsync(0, 1, 2, 3); // baseline: everyone in control
        Assert.All([0, 1, 2, 3], i => Assert.Equal("usual", arms[i]));

        f.Clock.Now = f.Clock.Now.AddDays(29); // step 1 has begun
        await EnrolAsync(4, 5, 6, 7);
        foreach (var i in new[] { 4, 5, 6, 7 })
        {
            Assert.Equal(schedule.Crossing[Team(i)] == 1 ? "caseload cap" : "usual", arms[i]);
        }
        var afterOne = (await view.ForResearcherAsync("researcher", study.Id))!.Value;
        Assert.Equal(1, afterOne.Period);
        Assert.Equal(2, afterOne.Rows.Count(r => r.CrossedAt == 1));
        Assert.All(afterOne.Rows.Where(r => r.CrossedAt == 1), r => Assert.Equal([false, true, true], r.Intervention));
        Assert.All(afterOne.Rows.Where(r => r.CrossedAt is null), r => Assert.Equal([false, false, null], r.Intervention)); // still hidden: step 2

        f.Clock.Now = f.Clock.Now.AddDays(28); // step 2: every team has crossed
        await EnrolAsync(8, 9, 10, 11);
        Assert.All([8, 9, 10, 11], i => Assert.Equal("caseload cap", arms[i]));

        var flow = await enrolment.ConsortAsync("researcher", study.Id);
        Assert.NotNull(flow);
        Assert.Equal(4, flow.ClustersRandomised);
        Assert.Equal([StudyWedge.Sequence(1), StudyWedge.Sequence(2)], flow.Arms.Select(a => a.Arm));
        Assert.All(flow.Arms, a => Assert.Equal((6, 2), (a.Allocated, a.ClustersAllocated)));
        Assert.Equal(12, flow.Randomised);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_study_page_fits_the_stepped_wedge_model_to_the_answers_with_the_condition_in_force_when_each_was_given(string provider)
    {
        var people = Enumerable.Range(1, 24).Select(i => $"w{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher"]);
        var teams = Enumerable.Range(1, 4).Select(i => new Team { Name = $"Ward {i}" }).ToList();
        f.Db.Teams.AddRange(teams);
        await f.Db.SaveChangesAsync();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            (await f.Db.Users.SingleAsync(u => u.Id == person)).TeamId = teams[i % 4].Id;
        }
        await f.Db.SaveChangesAsync();
        // Three periods of four weeks; a wave in each, all anchored on enrolment (everyone enrols in the baseline week).
        var draft = Wedge([.. teams.Select(t => t.Id)]) with
        {
            Waves = [.. Enumerable.Range(0, 3).Select(p => new WaveDefinition($"period {p}", WaveAnchor.Enrolment, 28 * p + 1, 14, ["mbi-hss"]))],
        };
        var study = await StudyTests.RecruitingAsync(f, draft);
        foreach (var person in people)
        {
            (await new StudyEnrolment(f.Db, f.Members, f.Clock).EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true }, 1)).Require();
        }
        var schedule = StudyWedge.Schedule(await f.Test.Fresh().Studies.SingleAsync(s => s.Id == study.Id));
        var random = new Random(11);
        var start = f.Clock.Now;
        for (var period = 0; period < 3; period++)
        {
            f.Clock.Now = start.AddDays(28 * period + 3);
            foreach (var (person, i) in people.Select((p, i) => (p, i)))
            {
                var team = teams[i % 4].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var treated = period >= schedule.Crossing[team];
                // Exhaustion falls by 6 under the cap, drifts by 1 a period, and each person has their own level.
                var value = 30 - (treated ? 6 : 0) - period + (i % 5) * 2 + random.NextDouble() * 3;
                var m = new Hearth.Core.Measurements.Measurement { UserId = person, InstrumentId = "mbi-hss", InstrumentVersion = "1", SubmittedAt = f.Clock.Now, AnswersJson = "{}" };
                m.Scores.Add(new Hearth.Core.Measurements.MeasurementScore { ScoreId = "emotional_exhaustion", Value = value });
                f.Db.Measurements.Add(m);
                await f.Db.SaveChangesAsync();
                Assert.Equal(1, await new StudyWaves(f.Db, f.Clock).LinkAsync(person, m));
            }
        }
        var report = await new StudyAnalysis(f.Test.Fresh()).ReportAsync("researcher", study.Id);
        Assert.NotNull(report);
        Assert.Empty(report.Problems);
        var fit = Assert.IsType<Hearth.Statistics.Mixed.SteppedWedgeResult>(report.SteppedWedge);
        Assert.Equal((72, 24, 4, 3), (fit.Counts.Observations, fit.Counts.Subjects, fit.Counts.Clusters, fit.Counts.Periods));
        Assert.Equal(("usual", "caseload cap"), (fit.Control, fit.Intervention));
        Assert.InRange(fit.Effect.Estimate, -8, -4); // the simulated −6
        Assert.True(fit.Effect.CiUpper < 0);
        Assert.Null(report.PerProtocol); // arm × wave would mislead for a wedge
    }
}
