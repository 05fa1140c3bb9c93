using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Measurements;
using Hearth.Core.Studies;
using Hearth.Core.Tests.Cohorts;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Studies;

/// <summary>
/// A simulated two-arm study run through the services: answers given while a wave is open count for it,
/// and the study's own analysis keeps missing waves in the mixed model but not in the per-protocol ANOVA.
/// </summary>
public class StudyAnalysisTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static readonly WaveDefinition[] Waves =
    [
        new("pre", WaveAnchor.Enrolment, 0, 14, ["mbi-hss"]),
        new("post", WaveAnchor.ProgramEnd, 0, 14, ["mbi-hss"]),
        new("follow-up", WaveAnchor.ProgramEnd, 60, 21, ["mbi-hss"]),
    ];

    private static Measurement Answer(string user, DateTimeOffset at, double exhaustion) => new()
    {
        UserId = user, InstrumentId = "mbi-hss", InstrumentVersion = "1", SubmittedAt = at, AnswersJson = "{}", SafetyRules = null,
        Scores = [new MeasurementScore { ScoreId = "emotional_exhaustion", Value = exhaustion }],
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Answers_in_open_waves_count_and_the_report_keeps_missing_waves_only_in_the_mixed_model(string provider)
    {
        var people = Enumerable.Range(1, 30).Select(i => $"s{i}").ToArray();
        await using var f = await CohortFixture.CreateAsync(provider, [.. people, "researcher"]);
        var draft = StudyTests.ThreeArm(AllocationMethod.PermutedBlocks) with
        {
            Arms = [new("compassion", ArmKind.Active, "compassion-training"), new("waitlist", ArmKind.Waitlist, "compassion-training")],
            Waves = Waves,
        };
        var study = await StudyTests.RecruitingAsync(f, draft);
        var enrolment = new StudyEnrolment(f.Db, new CohortMembers(f.Db, f.Clock), f.Clock);
        var waves = new StudyWaves(f.Db, f.Clock);
        var arms = new Dictionary<string, string>();
        foreach (var person in people)
        {
            arms[person] = (await enrolment.EnrolAsync(person, study.Id, new Dictionary<string, bool> { ["clinician"] = true, ["nights"] = false }, 1)).Require().Arm;
        }

        var start = f.Clock.Now;
        var random = new Random(11);
        async Task AnswerAsync(string person, DateTimeOffset at, double value)
        {
            var m = Answer(person, at, value);
            f.Db.Measurements.Add(m);
            await f.Db.SaveChangesAsync();
            await waves.LinkAsync(person, m);
        }
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            var effect = arms[person] == "compassion" ? -6 : 0;
            var baseline = 30 + random.Next(-5, 6);
            await AnswerAsync(person, start.AddDays(1), baseline);
            if (i % 5 != 0) // every fifth misses the post wave
            {
                await AnswerAsync(person, start.AddDays(50), baseline + effect + random.Next(-2, 3));
            }
            await AnswerAsync(person, start.AddDays(110), baseline + effect / 2.0 + random.Next(-2, 3));
        }
        // Outside every window, and a second answer in the same wave: neither counts.
        await AnswerAsync("s2", start.AddDays(30), 99);
        await AnswerAsync("s2", start.AddDays(2), 99);
        Assert.Equal(30 + 24 + 30, await f.Db.StudyWaveResponses.CountAsync());

        var mine = Assert.Single(await waves.MineAsync("s1"));
        Assert.Equal(["pre", "post", "follow-up"], mine.Waves.Select(w => w.Wave));
        Assert.All(mine.Waves.Where(w => w.Wave != "post"), w => Assert.Contains("mbi-hss", w.Done));

        (await enrolment.WithdrawAsync("s3", study.Id, keepData: false)).Require();
        (await enrolment.WithdrawAsync("s4", study.Id, keepData: true)).Require();
        var report = await new StudyAnalysis(f.Db).ReportAsync("researcher", study.Id);
        Assert.NotNull(report);
        Assert.Empty(report.Problems);
        Assert.Equal("mbi-hss/emotional_exhaustion", report.Outcome);
        // Per protocol: the 30, less the 6 without a post wave, less the two who withdrew.
        Assert.Equal(22, report.PerProtocolParticipants);
        // Intention to treat: everyone allocated except s3, who asked for their data to be deleted; missing waves kept.
        Assert.Equal(29, report.IntentionToTreatParticipants);
        Assert.Equal(29 * 3 - 6, report.IntentionToTreat!.Observations);
        Assert.Equal(["arm", "wave", "arm:wave"], report.IntentionToTreat.Anova.Select(t => t.Effect));
        Assert.True(report.IntentionToTreat.Anova.Single(t => t.Effect == "arm:wave").P < 0.05); // the simulated effect is large
        Assert.Null(await new StudyAnalysis(f.Db).ReportAsync("other-facilitator", study.Id));
    }
}
