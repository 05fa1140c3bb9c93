using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Studies;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Studies;

public class StudyTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static readonly WaveDefinition[] Waves =
    [
        new("pre", WaveAnchor.Enrolment, 0, 14, ["mbi-hss"]),
        new("post", WaveAnchor.ProgramEnd, 0, 14, ["mbi-hss"]),
        new("2-month follow-up", WaveAnchor.ProgramEnd, 60, 21, ["mbi-hss"]),
    ];

    internal static StudyDraft ThreeArm(AllocationMethod method = AllocationMethod.StratifiedBlocks) => new(
        "Compassion or mentalization for burnout", "ISRCTN00000000", "Both reduce burnout more than waiting.",
        ["mbi-hss/emotional_exhaustion"], ["who-5/total"],
        [new("compassion", ArmKind.Active, "compassion-training"), new("mentalization", ArmKind.Active, "mentalization-training"), new("waitlist", ArmKind.Waitlist, "compassion-training")],
        method, method is AllocationMethod.Simple or AllocationMethod.PermutedBlocks ? [] : ["nights"],
        [new("clinician", "Do you work with patients?", true), new("nights", "Do you work night shifts?", null)],
        Waves, "Europe/London");

    internal static StudyDesigns Designs(CohortFixture f) => new(f.Db, TestInstruments.Shipped.Value, CohortFixture.Programs.Value, f.Clock);

    private static StudyEnrolment Enrolment(Microsoft.EntityFrameworkCore.DbContext db, CohortFixture f) =>
        new((Hearth.Core.Persistence.HearthDbContext)db, new CohortMembers((Hearth.Core.Persistence.HearthDbContext)db, f.Clock), f.Clock);

    /// <summary>A study created from the draft, with a consent text, open for recruitment.</summary>
    internal static async Task<Study> RecruitingAsync(CohortFixture f, StudyDraft draft)
    {
        var study = (await Designs(f).CreateAsync("researcher", draft)).Require();
        (await Designs(f).PublishConsentAsync("researcher", study.Id, "You may stop at any time.")).Require();
        (await Designs(f).OpenRecruitmentAsync("researcher", study.Id)).Require();
        return study;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_design_that_cannot_run_is_refused_with_its_field_and_nothing_is_saved(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "researcher");
        var good = ThreeArm();
        foreach (var (draft, field) in new[]
        {
            (good with { Title = " " }, "Title"),
            (good with { PrimaryOutcomes = ["mbi-hss/nope"] }, "PrimaryOutcomes"),
            (good with { Arms = [good.Arms[0]] }, "Arms"),
            (good with { Arms = [good.Arms[0], new ArmDraft("usual care", ArmKind.TreatmentAsUsual, "compassion-training")] }, "Arms"),
            (good with { StratifyBy = ["grade"] }, "StratifyBy"),
            (good with { Criteria = [.. good.Criteria, new("site", "Where do you work?", null)] }, "Criteria"),
            (good with { Waves = [Waves[0] with { Instruments = ["no-such"] }] }, "Waves"),
            (good with { TimeZone = "Mars/Olympus" }, "TimeZone"),
        })
        {
            Assert.Equal(field, OutcomeAssert.Refused(await Designs(f).CreateAsync("researcher", draft)).Field);
        }
        Assert.Equal(0, await f.Db.Studies.CountAsync());
        var study = (await Designs(f).CreateAsync("researcher", good)).Require();
        Assert.Equal("Consent", OutcomeAssert.Refused(await Designs(f).OpenRecruitmentAsync("researcher", study.Id)).Field);
        OutcomeAssert.Missing(await Designs(f).OpenRecruitmentAsync("other-facilitator", study.Id)); // not their study
        // The seed is in the audit log, not on the study's pages.
        Assert.Contains(await f.Db.AuditEntries.Select(a => a.Details).ToListAsync(), d => d!.Contains($"seed {(ulong)study.Seed}", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Enrolment_screens_records_consent_and_allocates_as_the_seed_replays(string provider)
    {
        var people = Enumerable.Range(1, 24).Select(i => $"p{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher", "nurse-on-leave"]);
        var study = await RecruitingAsync(f, ThreeArm());

        var notEligible = await Enrolment(f.Db, f).EnrolAsync("nurse-on-leave", study.Id, new Dictionary<string, bool> { ["clinician"] = false, ["nights"] = true }, 1);
        Assert.Equal("Eligibility", OutcomeAssert.Refused(notEligible).Field);
        Assert.Equal("Consent", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("p1", study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = true }, 2)).Field);
        Assert.Equal("Answers", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("p1", study.Id, new Dictionary<string, bool> { ["clinician"] = true }, 1)).Field);

        var arms = new List<string>();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            var enrolled = (await Enrolment(f.Db, f).EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = i % 3 == 0 }, 1)).Require();
            Assert.StartsWith("P-", enrolled.Pseudonym, StringComparison.Ordinal);
            arms.Add(enrolled.Arm);
        }
        Assert.Equal("Study", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("p1", study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = true }, 1)).Field);

        // The same enrolments, replayed from the stored seed, give the same arms.
        await using var fresh = f.Test.Fresh();
        var stored = await fresh.Studies.Include(s => s.Arms).SingleAsync(s => s.Id == study.Id);
        var replay = Allocator.Replay(StudyDesigns.AllocationOf(stored), people.Select((p, i) => new AllocationSubject(p, new Dictionary<string, string>
        {
            ["clinician"] = "yes",
            ["nights"] = i % 3 == 0 ? "yes" : "no",
        })));
        Assert.Equal(replay.Decisions.Select(d => d.Arm), arms);
        // Stratified blocks of 3 or 6 keep each stratum within a block of balance.
        foreach (var stratum in replay.Decisions.GroupBy(d => d.Stratum))
        {
            var counts = stratum.GroupBy(d => d.Arm).Select(g => g.Count()).ToList();
            Assert.True(counts.Count == 1 || counts.Max() - counts.Min() <= 6);
        }

        var researcherView = await Enrolment(f.Db, f).ParticipantsAsync("researcher", study.Id);
        Assert.Equal(25, researcherView.Count);
        Assert.DoesNotContain(researcherView, p => people.Contains(p.Pseudonym) || p.Pseudonym.Contains("nurse", StringComparison.Ordinal));
        Assert.Empty(await Enrolment(f.Db, f).ParticipantsAsync("other-facilitator", study.Id));
        var audit = await f.Db.AuditEntries.Select(a => a.Action).ToListAsync();
        Assert.Equal(24, audit.Count(a => a == "study-allocate"));
        Assert.Equal(24, audit.Count(a => a == "study-consent"));
        Assert.Equal(1, audit.Count(a => a == "study-screened-out"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Allocation_stratifies_by_the_profession_and_site_on_each_persons_record_as_it_was_at_enrolment(string provider)
    {
        var people = Enumerable.Range(1, 18).Select(i => $"s{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher", "admin"]);
        var directory = new Hearth.Core.Accounts.PersonProfiles(f.Db, f.Clock);
        string Profession(int i) => i % 3 == 0 ? "psychologist" : "nurse";
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            (await directory.SetProfileAsync("admin", person, Profession(i), i < 17 ? $"site {i % 2}" : null)).Require();
        }
        Assert.Equal("Profession", OutcomeAssert.Refused(await directory.SetProfileAsync("admin", "s1", "nurse, senior", null)).Field);
        Assert.Equal("Site", OutcomeAssert.Refused(await directory.SetProfileAsync("admin", "s1", null, new string('x', 101))).Field);
        OutcomeAssert.Missing(await directory.SetProfileAsync("admin", "nobody", "nurse", null));

        var study = await RecruitingAsync(f, ThreeArm(AllocationMethod.StratifiedBlocks) with { StratifyBy = ["profession", "site"] });
        var arms = new List<string>();
        foreach (var person in people)
        {
            arms.Add((await Enrolment(f.Db, f).EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = false }, 1)).Require().Arm);
        }
        // A later change to someone's record does not move anyone: the strata are the ones recorded at enrolment.
        (await directory.SetProfileAsync("admin", "s1", "doctor", "site 9")).Require();

        await using var fresh = f.Test.Fresh();
        var stored = await fresh.Studies.Include(s => s.Arms).SingleAsync(s => s.Id == study.Id);
        var recorded = await fresh.StudyParticipants.Where(p => p.StudyId == study.Id).OrderBy(p => p.EnrolmentNumber).Select(p => p.Stratum).ToListAsync();
        var replay = Allocator.Replay(StudyDesigns.AllocationOf(stored), people.Select((p, i) => new AllocationSubject(p, new Dictionary<string, string>
        {
            ["clinician"] = "yes",
            ["nights"] = "no",
            ["profession"] = Profession(i),
            ["site"] = i < 17 ? $"site {i % 2}" : "not recorded",
        })));
        Assert.Equal(replay.Decisions.Select(d => d.Arm), arms);
        Assert.Equal(replay.Decisions.Select(d => d.Stratum), recorded);
        Assert.Equal(5, recorded.Distinct().Count()); // nurse and psychologist at two sites, and one person whose site is not recorded
        Assert.Contains(recorded, r => r!.Contains("not recorded", StringComparison.Ordinal));
        Assert.Contains(await f.Db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == "person-profile");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Enrolments_at_the_same_moment_take_distinct_places_in_the_sequence(string provider)
    {
        var people = Enumerable.Range(1, 12).Select(i => $"q{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher"]);
        var study = await RecruitingAsync(f, ThreeArm(AllocationMethod.PermutedBlocks));
        var attempts = people.Select(async person =>
        {
            await using var db = f.Test.Fresh();
            return (await Enrolment(db, f).EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = false }, 1)).Require();
        });
        var results = await Task.WhenAll(attempts);
        await using var check = f.Test.Fresh();
        var numbers = await check.StudyParticipants.Where(p => p.StudyId == study.Id).Select(p => p.EnrolmentNumber!.Value).OrderBy(n => n).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 12), numbers);
        // Whatever the order they were served in, the arms are the replay of that order.
        var order = await check.StudyParticipants.Where(p => p.StudyId == study.Id).OrderBy(p => p.EnrolmentNumber).Select(p => p.Pseudonym).ToListAsync();
        var stored = await check.Studies.Include(s => s.Arms).SingleAsync(s => s.Id == study.Id);
        var replay = Allocator.Replay(StudyDesigns.AllocationOf(stored), order.Select(p => new AllocationSubject(p, new Dictionary<string, string>())));
        Assert.Equal(replay.Decisions.Select(d => d.Arm), order.Select(p => results.Single(r => r.Pseudonym == p).Arm));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Withdrawal_keeps_or_drops_the_data_and_the_consort_flow_counts_every_path(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "a", "b", "c", "d", "researcher");
        var study = await RecruitingAsync(f, ThreeArm(AllocationMethod.PermutedBlocks));
        Dictionary<string, bool> yes = new() { ["clinician"] = true, ["nights"] = false };
        foreach (var person in new[] { "a", "b", "c" })
        {
            (await Enrolment(f.Db, f).EnrolAsync(person, study.Id, yes, 1)).Require();
        }
        (await Enrolment(f.Db, f).DeclineAsync("d", study.Id)).Require();
        (await Enrolment(f.Db, f).WithdrawAsync("a", study.Id, keepData: true)).Require();
        (await Enrolment(f.Db, f).WithdrawAsync("b", study.Id, keepData: false)).Require();
        OutcomeAssert.Missing(await Enrolment(f.Db, f).WithdrawAsync("b", study.Id, keepData: true)); // already withdrawn

        // A new consent version must be signed again, and only the version in force is accepted.
        (await Designs(f).PublishConsentAsync("researcher", study.Id, "Version 2: we also ask about sleep.")).Require();
        Assert.Equal("Consent", OutcomeAssert.Refused(await Enrolment(f.Db, f).ReconsentAsync("c", study.Id, 1)).Field);
        (await Enrolment(f.Db, f).ReconsentAsync("c", study.Id, 2)).Require();

        var flow = await Enrolment(f.Db, f).ConsortAsync("researcher", study.Id);
        Assert.NotNull(flow);
        Assert.Equal((4, 1, 3), (flow.Assessed, flow.Excluded.N, flow.Randomised));
        Assert.Equal(StudyEnrolment.Declined, Assert.Single(flow.Excluded.Reasons).Reason);
        Assert.Equal(2, flow.Arms.Sum(a => a.Discontinued.N));
        Assert.Equal(2, flow.Arms.Sum(a => a.Analysed)); // b asked for their data to be deleted
        Assert.Null(await Enrolment(f.Db, f).ConsortAsync("other-facilitator", study.Id));
        Assert.Contains(await f.Db.AuditEntries.Where(a => a.Action == "study-withdraw").Select(a => a.Details).ToListAsync(), d => d!.Contains("deleting", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_cluster_trial_allocates_whole_teams_and_counts_clusters(string provider)
    {
        var people = Enumerable.Range(1, 18).Select(i => $"c{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher", "teamless"]);
        var teams = Enumerable.Range(1, 6).Select(i => new Hearth.Core.Organisations.Team { Name = $"Ward {i}" }).ToList();
        f.Db.Teams.AddRange(teams);
        await f.Db.SaveChangesAsync();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            (await f.Db.Users.SingleAsync(u => u.Id == person)).TeamId = teams[i % 6].Id;
        }
        await f.Db.SaveChangesAsync();

        var draft = ThreeArm(AllocationMethod.PermutedBlocks) with
        {
            Arms = [new("compassion", ArmKind.Active, "compassion-training"), new("waitlist", ArmKind.Waitlist, "compassion-training")],
            ClusterByTeam = true,
        };
        Assert.Equal("Method", OutcomeAssert.Refused(await Designs(f).CreateAsync("researcher", draft with { Method = AllocationMethod.Minimisation })).Field);
        var study = await RecruitingAsync(f, draft);
        Dictionary<string, bool> yes = new() { ["clinician"] = true, ["nights"] = false };
        Assert.Equal("Team", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("teamless", study.Id, yes, 1)).Field);
        var arms = new Dictionary<string, string>();
        foreach (var person in people)
        {
            arms[person] = (await Enrolment(f.Db, f).EnrolAsync(person, study.Id, yes, 1)).Require().Arm;
        }
        // Everyone in a team shares its arm, and the teams are balanced within a block (blocks of 2 or 4 teams).
        var byTeam = people.Select((p, i) => (Team: i % 6, Arm: arms[p])).GroupBy(x => x.Team).ToList();
        Assert.All(byTeam, team => Assert.Single(team.Select(x => x.Arm).Distinct()));
        var teamArms = byTeam.Select(t => t.First().Arm).ToList();
        Assert.InRange(teamArms.Count(a => a == "compassion"), 2, 4);

        var flow = await Enrolment(f.Db, f).ConsortAsync("researcher", study.Id);
        Assert.True(flow!.IsCluster);
        Assert.Equal(6, flow.ClustersRandomised);
        Assert.Equal(teamArms.Count(a => a == "compassion"), flow.Arms.Single(a => a.Arm == "compassion").ClustersAllocated);
        Assert.Equal(6, flow.Arms.Sum(a => a.ClustersAllocated));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_invitation_only_study_admits_one_person_per_link(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "a", "b", "c", "researcher");
        var open = await RecruitingAsync(f, ThreeArm(AllocationMethod.PermutedBlocks));
        Assert.Equal("Count", OutcomeAssert.Refused(await Designs(f).CreateInvitationsAsync("researcher", open.Id, 3)).Field); // an open study needs none
        var study = await RecruitingAsync(f, ThreeArm(AllocationMethod.PermutedBlocks) with { Title = "By invitation", InvitationOnly = true });
        OutcomeAssert.Missing(await Designs(f).CreateInvitationsAsync("other-facilitator", study.Id, 3));
        var links = (await Designs(f).CreateInvitationsAsync("researcher", study.Id, 2)).Require();
        Assert.Equal(2, links.Distinct().Count());
        Assert.DoesNotContain(await f.Db.StudyInvitations.Select(i => i.TokenHash).ToListAsync(), h => links.Contains(h)); // hashes only

        Dictionary<string, bool> yes = new() { ["clinician"] = true, ["nights"] = false };
        Assert.Equal("Invitation", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("a", study.Id, yes, 1)).Field);
        Assert.Equal("Invitation", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("a", study.Id, yes, 1, "made-up")).Field);
        Assert.True(await Enrolment(f.Db, f).InvitationIsOpenAsync(study.Id, links[0]));
        (await Enrolment(f.Db, f).EnrolAsync("a", study.Id, yes, 1, links[0])).Require();
        Assert.False(await Enrolment(f.Db, f).InvitationIsOpenAsync(study.Id, links[0]));
        Assert.Equal("Invitation", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("b", study.Id, yes, 1, links[0])).Field); // spent
        (await Enrolment(f.Db, f).EnrolAsync("b", study.Id, yes, 1, links[1])).Require();
        Assert.Equal("Invitation", OutcomeAssert.Refused(await Enrolment(f.Db, f).EnrolAsync("c", study.Id, yes, 1, links[1])).Field);
    }
}
