using Hearth.Core.Cohorts;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Setup;

/// <summary>
/// Two running cohorts for the demo, led by the demo facilitator: a Helping the Helper group three
/// sessions in (attendance and some homework recorded) and a Balint group. Lets someone trying Hearth
/// see the facilitator dashboard and "My program" with real content at once.
/// </summary>
public sealed class DemoCohorts(
    HearthDbContext db,
    CohortScheduling scheduling,
    CohortMembers members,
    CohortAttendance attendance,
    CohortRota rota,
    ParticipantProgram participants,
    TimeProvider clock)
{
    public async Task SeedAsync()
    {
        var facilitator = await db.Users.Where(u => u.Email == "fran@demo.hearth").Select(u => u.Id).SingleAsync();
        var people = await db.Users.Where(u => u.Email == "sam@demo.hearth" || u.Email!.StartsWith("staff"))
            // Sam (the login the demo prints) first, so Sam is in the Helping the Helper group however
            // close together the accounts were created.
            .OrderBy(u => u.Email == "sam@demo.hearth" ? 0 : 1).ThenBy(u => u.CreatedAt).ThenBy(u => u.Email).Select(u => u.Id).ToListAsync();
        var random = new Random(7);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var hth = (await scheduling.StartAsync(facilitator, new NewCohort("helping-the-helper", "Community team connection group", today.AddDays(-15), new TimeOnly(12, 30), "Europe/London", "Meeting room 2, Riverside House", null, 10))).Require();
        var hthMembers = people.Take(8).ToList();
        foreach (var id in hthMembers)
        {
            (await members.AddParticipantAsync(facilitator, hth.Id, id)).Require();
        }
        var homework = scheduling.ProgramOf(hth)!.Sessions;
        foreach (var number in new[] { 1, 2, 3 })
        {
            var present = hthMembers.Where(_ => random.NextDouble() < 0.85).ToHashSet();
            (await attendance.RecordAttendanceAsync(facilitator, hth.Id, number, present)).Require();
            foreach (var id in present)
            {
                for (var i = 0; i < homework[number - 1].Homework.Count; i++)
                {
                    if (random.NextDouble() < 0.6)
                    {
                        await participants.SetHomeworkAsync(id, hth.Id, number, i, done: true);
                    }
                }
            }
        }

        var balint = (await scheduling.StartAsync(facilitator, new NewCohort("balint-group", "Tuesday Balint group", today.AddDays(-10), new TimeOnly(16, 0), "Europe/London", null, "https://video.example.org/balint", 12, 12))).Require();
        foreach (var id in people.Skip(8).Take(8))
        {
            (await members.AddParticipantAsync(facilitator, balint.Id, id)).Require();
        }
        await attendance.RecordAttendanceAsync(facilitator, balint.Id, 1, people.Skip(8).Take(7).ToHashSet());
        await rota.ChoosePresenterAsync(facilitator, balint.Id, 1);
    }
}
