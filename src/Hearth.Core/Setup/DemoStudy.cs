using System.Globalization;
using Hearth.Content.Instruments;
using Hearth.Content.Programs;
using Hearth.Content.Studies;
using Hearth.Core.Cohorts;
using Hearth.Core.Measurements;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Studies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Setup;

/// <summary>
/// A finished three-arm study for the demo, run by the demo researcher: compassion training,
/// mentalization training and a waitlist, with pre, post and two-month follow-up waves of the WHO-5.
/// Sixty-eight people were screened about seven months ago; some were not eligible, some declined, some
/// were lost to follow-up and a few withdrew, so the study page shows a full CONSORT flow and report.
/// Every step goes through the same services as a real study, on a clock set in the past.
/// </summary>
public sealed class DemoStudy(
    HearthDbContext db,
    UserManager<HearthUser> users,
    InstrumentCatalog instruments,
    ProgramCatalog programs,
    MeasurementSecrets secrets,
    TimeProvider clock)
{
    private const int People = 68;

    public async Task SeedAsync()
    {
        var researcher = await db.Users.Where(u => u.Email == "rae@demo.hearth").Select(u => u.Id).SingleAsync();
        var past = new DemoClock { Now = clock.GetUtcNow().AddDays(-210) };
        var designs = new StudyDesigns(db, instruments, programs, past);
        var study = (await designs.CreateAsync(researcher, new StudyDraft(
            "Compassion or mentalization for staff burnout (demo)", "DEMO-0001",
            "Compassion-based and mentalization-based training each raise staff wellbeing more than waiting, at the end of training and two months later.",
            ["who-5/total"], [],
            [new("compassion", ArmKind.Active, "compassion-training"), new("mentalization", ArmKind.Active, "mentalization-training"), new("waitlist", ArmKind.Waitlist, "compassion-training")],
            AllocationMethod.StratifiedBlocks, ["nights"],
            [new("clinician", "Do you work directly with patients?", true), new("nights", "Do you work night shifts?", null)],
            [new("pre", WaveAnchor.Enrolment, 0, 14, ["who-5"]), new("post", WaveAnchor.ProgramEnd, 0, 14, ["who-5"]), new("2-month follow-up", WaveAnchor.ProgramEnd, 60, 21, ["who-5"])],
            "Europe/London", PlannedProgramStartDays: 7, PlannedProgramEndDays: 91))).Require();
        (await designs.PublishConsentAsync(researcher, study.Id,
            "Taking part is voluntary. You will answer a short wellbeing questionnaire three times. You may stop at any time, and choose whether what you answered so far stays in the study.")).Require();
        (await designs.OpenRecruitmentAsync(researcher, study.Id)).Require();

        var random = new Random(20261203);
        var enrolment = new StudyEnrolment(db, new CohortMembers(db, past), past);
        var waves = new StudyWaves(db, past);
        var measurements = new MeasurementService(db, instruments, past, secrets, new DirectMeasurementStore(db));
        var start = past.Now;
        for (var i = 0; i < People; i++)
        {
            var email = $"participant{i + 1}@demo.hearth";
            var user = new HearthUser { UserName = email, Email = email, DisplayName = $"Participant {i + 1}", CreatedAt = start };
            await users.CreateAsync(user); // no password: demo participants exist only as data
            await users.AddToRoleAsync(user, Roles.Clinician);
            past.Now = start.AddHours(i * 5);
            if (i % 17 == 3)
            {
                (await enrolment.DeclineAsync(user.Id, study.Id)).Require();
                continue;
            }
            var eligible = i % 13 != 5;
            var enrolled = await enrolment.EnrolAsync(user.Id, study.Id, new Dictionary<string, bool> { ["clinician"] = eligible, ["nights"] = i % 3 == 0 }, 1);
            if (!enrolled.Done)
            {
                continue; // not eligible: counted as screened out
            }
            var arm = enrolled.Value!.Arm;
            var baseline = random.Next(8, 15); // WHO-5 raw sum of five items, 0–25
            var gain = arm switch { "compassion" => 4, "mentalization" => 3, _ => 0 };
            var enrolledAt = past.Now;
            async Task AnswerAsync(double days, int sum)
            {
                past.Now = enrolledAt.AddDays(days);
                var items = Enumerable.Range(1, 5).ToDictionary(k => k.ToString(CultureInfo.InvariantCulture), k => (double?)Math.Clamp(sum / 5 + (k <= sum % 5 ? 1 : 0), 0, 5));
                var result = await measurements.SubmitAsync(user.Id, "who-5", items, MeasurementKind.Questionnaire, requireAll: true);
                await waves.LinkAsync(user.Id, result.Measurement!);
            }
            await AnswerAsync(1, baseline);
            var lost = random.NextDouble() < 0.12;
            if (random.NextDouble() < 0.9)
            {
                await AnswerAsync(92, baseline + gain + random.Next(-2, 3));
            }
            if (!lost)
            {
                await AnswerAsync(152, baseline + gain - 1 + random.Next(-2, 3));
            }
            if (i % 19 == 7)
            {
                past.Now = enrolledAt.AddDays(120);
                (await enrolment.WithdrawAsync(user.Id, study.Id, keepData: i % 2 == 0)).Require();
            }
        }
    }
}
