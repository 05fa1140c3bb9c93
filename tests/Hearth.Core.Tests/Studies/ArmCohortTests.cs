using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Studies;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Studies;

/// <summary>Allocation places active arms' participants in their arm's cohort at once, and a waitlist's after their last wave.</summary>
public class ArmCohortTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static Task<Cohort> CohortAsync(CohortFixture f, string program, string name, int daysAhead) =>
        f.Scheduling.StartAsync("facilitator", new NewCohort(program, name, DateOnly.FromDateTime(f.Clock.Now.UtcDateTime).AddDays(daysAhead), new TimeOnly(9, 30), "Europe/London", null, null, 12))
            .ContinueWith(t => t.Result.Require(), TaskScheduler.Default);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Active_arms_place_at_enrolment_and_the_waitlist_joins_its_cohort_once_its_waves_are_over(string provider)
    {
        var people = Enumerable.Range(1, 9).Select(i => $"w{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher"]);
        var compassion = await CohortAsync(f, "compassion-training", "Compassion, autumn", 10);
        var mentalization = await CohortAsync(f, "mentalization-training", "Mentalization, autumn", 10);
        var later = await CohortAsync(f, "compassion-training", "Compassion, spring", 150);
        var other = await CohortAsync(f, "helping-the-helper", "Helping the Helper", 10);
        var study = await StudyTests.RecruitingAsync(f, StudyTests.ThreeArm(AllocationMethod.PermutedBlocks));
        var cohorts = new ArmCohorts(f.Db, f.Clock);

        var arms = await cohorts.ListAsync("researcher", study.Id);
        Assert.NotNull(arms);
        Assert.Equal(["compassion", "mentalization", "waitlist"], arms.Select(a => a.Arm));
        Assert.Equal([compassion.Id, later.Id], arms[0].Choices.Select(c => c.Id)); // of the arm's program, soonest first
        Assert.Null(await cohorts.ListAsync("other-facilitator", study.Id));
        int Arm(string name) => arms.Single(a => a.Arm == name).ArmId;

        Assert.Equal("Cohort", OutcomeAssert.Refused(await cohorts.AttachAsync("researcher", study.Id, Arm("compassion"), other.Id)).Field);
        OutcomeAssert.Missing(await cohorts.AttachAsync("other-facilitator", study.Id, Arm("compassion"), compassion.Id));
        (await cohorts.AttachAsync("researcher", study.Id, Arm("compassion"), compassion.Id)).Require();
        (await cohorts.AttachAsync("researcher", study.Id, Arm("mentalization"), mentalization.Id)).Require();
        (await cohorts.AttachAsync("researcher", study.Id, Arm("waitlist"), later.Id)).Require();

        var allocated = new Dictionary<string, string>();
        foreach (var person in people)
        {
            var enrolment = new StudyEnrolment(f.Db, f.Members, f.Clock);
            allocated[person] = (await enrolment.EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = false }, 1)).Require().Arm;
        }
        async Task<Dictionary<int, List<string>>> MembersAsync()
        {
            await using var db = f.Test.Fresh();
            return (await db.Set<CohortParticipant>().AsNoTracking().ToListAsync()).GroupBy(p => p.CohortId).ToDictionary(g => g.Key, g => g.Select(p => p.UserId).Order().ToList());
        }
        var members = await MembersAsync();
        Assert.Equal(people.Where(p => allocated[p] == "compassion").Order(), members.GetValueOrDefault(compassion.Id) ?? []);
        Assert.Equal(people.Where(p => allocated[p] == "mentalization").Order(), members.GetValueOrDefault(mentalization.Id) ?? []);
        Assert.False(members.ContainsKey(later.Id)); // the waitlist waits
        var waitlisted = people.Where(p => allocated[p] == "waitlist").Order().ToList();
        // Blocks of 3 or 6 over nine people: 3 each when the blocks end at nine, 2 to 4 when the last one is cut short.
        Assert.InRange(waitlisted.Count, 2, 4);
        Assert.Equal(waitlisted.Count, (await cohorts.ListAsync("researcher", study.Id))!.Single(a => a.Arm == "waitlist").Waiting);

        var release = new WaitlistRelease(() => f.Test.Fresh(), f.Clock);
        Assert.Equal(0, await release.RunOnceAsync()); // their follow-up is months away
        f.Clock.Now = f.Clock.Now.AddDays(140); // past the planned program end (day 49) + 60 days + a 21-day window
        var passes = await Task.WhenAll(release.RunOnceAsync(), new WaitlistRelease(() => f.Test.Fresh(), f.Clock).RunOnceAsync());
        Assert.Equal(waitlisted.Count, passes.Sum()); // two instances, each person placed once
        Assert.Equal(0, await release.RunOnceAsync());
        Assert.Equal(waitlisted, (await MembersAsync())[later.Id]);
        Assert.Equal(0, (await cohorts.ListAsync("researcher", study.Id))!.Single(a => a.Arm == "waitlist").Waiting);
    }
}
