using Hearth.Content.Programs;
using Hearth.Core.Cohorts;
using Hearth.Core.Tests.Persistence;

namespace Hearth.Core.Tests.Cohorts;

/// <summary>Every shipped program run start to finish by a cohort of four: schedule, attendance, groups, homework, reminders, calendar.</summary>
public class WholeProgramTests
{
    public static TheoryData<string> Programs() => ["helping-the-helper", "compassion-training", "mentalization-training", "mindfulness-self-compassion", "balint-group", "peer-support-circle"];

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_cohort_runs_the_whole_program(string programId)
    {
        string[] members = ["a", "b", "c", "d"];
        await using var f = await CohortFixture.CreateAsync(TestDatabases.Sqlite, members);
        var cohort = await f.StartAsync(programId, members);
        var program = CohortFixture.Programs.Value.Find(programId)!;
        var sessions = (await f.Scheduling.FindLedAsync("facilitator", cohort.Id))!.Sessions.OrderBy(s => s.Number).ToList();
        Assert.Equal(program.Cadence.Ongoing ? ProgramSessions.DefaultOngoingMeetings : program.Sessions.Count, sessions.Count);

        var pairs = new HashSet<(string, string)>();
        var presenters = new List<string>();
        var reminders = new List<ReminderMessage>();
        foreach (var session in sessions)
        {
            // The day before: reminders go out. During the session: attendance, groups, presenter. After: homework.
            f.Clock.Now = session.StartsAt.AddHours(-12);
            var sender = new CollectingSender();
            await new ReminderDispatcher(() => f.Test.Fresh(), CohortFixture.Programs.Value, sender, f.Clock, new ReminderOptions(), "x").RunOnceAsync();
            reminders.AddRange(sender.Sent);

            f.Clock.Now = session.StartsAt.AddMinutes(5);
            (await f.Attendance.RecordAttendanceAsync("facilitator", cohort.Id, session.Number, members.ToHashSet())).Require();
            var current = (await f.Scheduling.FindLedAsync("facilitator", cohort.Id))!;
            var groups = await f.Rota.GroupsAsync(current, session.Number);
            if (program.Grouping == ProgramGrouping.Dyads)
            {
                Assert.All(groups, g => Assert.Equal(2, g.Count));
                foreach (var g in groups)
                {
                    // Four people: three sessions meet every pair once; no pair repeats before that.
                    var pair = string.CompareOrdinal(g[0], g[1]) < 0 ? (g[0], g[1]) : (g[1], g[0]);
                    Assert.True(session.Number > 3 || pairs.Add(pair), $"{pair} met twice within the first round");
                }
            }
            if (program.Grouping == ProgramGrouping.CaseRota)
            {
                presenters.Add((await f.Rota.ChoosePresenterAsync("facilitator", cohort.Id, session.Number)).Require()!);
            }
            var mine = Assert.Single(await f.Participants.MineAsync("a"));
            Assert.Equal(session.Number, mine.Current.Number);
            Assert.Equal(session.Number, mine.HomeworkFrom!.Number);
            var content = ProgramSessions.ContentOf(program, session.Number);
            Assert.False(string.IsNullOrWhiteSpace(content.Body));
            foreach (var member in members)
            {
                for (var i = 0; i < content.Homework.Count; i++)
                {
                    (await f.Participants.SetHomeworkAsync(member, cohort.Id, session.Number, i, done: true)).Require();
                }
            }
        }

        var view = (await f.Dashboard.ForFacilitatorAsync("facilitator", cohort.Id)).Require();
        Assert.All(view.Sessions, s => Assert.Equal(1.0, s.AttendanceRate));
        Assert.All(view.Sessions.Where(s => s.HomeworkPossible > 0), s => Assert.Equal(1.0, s.HomeworkRate));
        Assert.Equal(sessions.Count * members.Length, reminders.Count(r => r.Key.StartsWith("session:", StringComparison.Ordinal)));
        Assert.DoesNotContain(reminders, r => r.Key.StartsWith("homework:", StringComparison.Ordinal)); // everyone did theirs
        if (program.Grouping == ProgramGrouping.CaseRota)
        {
            Assert.Equal(members.Length, presenters.Take(members.Length).Distinct().Count());
        }
        var calendar = new CohortCalendar(f.Db, CohortFixture.Programs.Value, f.Clock);
        Assert.Equal(sessions.Count, calendar.Write(await calendar.SessionsOfAsync("a")).Split("BEGIN:VEVENT").Length - 1);
    }

    private sealed class CollectingSender : IReminderSender
    {
        public List<ReminderMessage> Sent { get; } = [];

        public Task SendAsync(ReminderMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
