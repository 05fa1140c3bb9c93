using Hearth.Core.Cohorts;
using Hearth.Core.Journal;
using Hearth.Core.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Cohorts;

public class CohortTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_cohort_keeps_its_local_time_across_the_clock_change(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider);
        var cohort = await f.StartAsync("helping-the-helper");

        await using var fresh = f.Test.Fresh();
        var sessions = await fresh.CohortSessions.Where(s => s.CohortId == cohort.Id).OrderBy(s => s.Number).ToListAsync();
        Assert.Equal(6, sessions.Count);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        Assert.All(sessions, s => Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.StartsAt, london).DateTime)));
        // 8 Oct (BST, UTC+1) … 12 Nov (GMT): the UTC hour moves from 08:30 to 09:30 after 25 October.
        Assert.Equal(8, sessions[0].StartsAt.UtcDateTime.Hour);
        Assert.Equal(9, sessions[4].StartsAt.UtcDateTime.Hour);
        Assert.Equal(60, sessions[0].Minutes);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Cohort_rules_refuse_bad_requests_and_change_nothing(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "a", "b");
        var good = new NewCohort("balint-group", "Balint", new DateOnly(2026, 10, 8), new TimeOnly(13, 0), "Europe/Berlin", null, null, 1);
        Assert.Equal("TimeZone", OutcomeAssert.Refused(await f.Scheduling.StartAsync("facilitator", good with { TimeZone = "Mars/Olympus" })).Field);
        Assert.Equal("ProgramId", OutcomeAssert.Refused(await f.Scheduling.StartAsync("facilitator", good with { ProgramId = "nope" })).Field);
        Assert.Equal("VideoLink", OutcomeAssert.Refused(await f.Scheduling.StartAsync("facilitator", good with { VideoLink = "javascript:alert(1)" })).Field);
        Assert.Equal("Capacity", OutcomeAssert.Refused(await f.Scheduling.StartAsync("facilitator", good with { Capacity = 0 })).Field);
        Assert.Equal(0, await f.Db.Cohorts.CountAsync());

        var cohort = (await f.Scheduling.StartAsync("facilitator", good)).Require();
        Assert.Equal(12, cohort.Sessions.Count); // an ongoing program schedules a first block of meetings
        (await f.Members.AddParticipantAsync("facilitator", cohort.Id, "a")).Require();
        var full = OutcomeAssert.Refused(await f.Members.AddParticipantAsync("facilitator", cohort.Id, "b"));
        Assert.Contains("full", full.Message, StringComparison.Ordinal);
        OutcomeAssert.Missing(await f.Members.AddParticipantAsync("other-facilitator", cohort.Id, "b"));

        (await f.Scheduling.AddMeetingsAsync("facilitator", cohort.Id, 3)).Require();
        await using var fresh = f.Test.Fresh();
        var numbers = await fresh.CohortSessions.Where(s => s.CohortId == cohort.Id).OrderBy(s => s.Number).Select(s => s.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 15), numbers);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rescheduling_moves_one_session_in_the_cohort_zone(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider);
        var cohort = await f.StartAsync("helping-the-helper");
        (await f.Scheduling.RescheduleAsync("facilitator", cohort.Id, 2, new DateOnly(2026, 10, 26), new TimeOnly(14, 0))).Require();
        await using var fresh = f.Test.Fresh();
        var second = await fresh.CohortSessions.SingleAsync(s => s.CohortId == cohort.Id && s.Number == 2);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 14, 0, 0, TimeSpan.Zero), second.StartsAt); // GMT by then
        OutcomeAssert.Missing(await f.Scheduling.RescheduleAsync("other-facilitator", cohort.Id, 2, new DateOnly(2026, 10, 27), new TimeOnly(14, 0)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Attendance_and_homework_reach_the_dashboard_per_session_and_person(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben", "cat");
        var cohort = await f.StartAsync("helping-the-helper", "ann", "ben", "cat");
        (await f.Attendance.RecordAttendanceAsync("facilitator", cohort.Id, 1, new HashSet<string> { "ann", "ben" })).Require();
        var homework = CohortFixture.Programs.Value.Find("helping-the-helper")!.Sessions[0].Homework.Count;
        Assert.True(homework >= 1);
        Assert.Equal("Homework", OutcomeAssert.Refused(await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, 0, done: true)).Field);
        f.Clock.Now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero); // session 1 is under way: its homework is set
        (await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, 0, done: true)).Require();
        await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, 0, done: true); // ticking twice counts once
        OutcomeAssert.Missing(await f.Participants.SetHomeworkAsync("facilitator", cohort.Id, 1, 0, done: true));
        OutcomeAssert.Refused(await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, 99, done: true));

        var view = (await f.Dashboard.ForFacilitatorAsync("facilitator", cohort.Id)).Require();
        var first = view.Sessions[0];
        Assert.Equal((2, 3, 1, homework * 3), (first.Present, first.Marked, first.HomeworkDone, first.HomeworkPossible));
        Assert.Equal(2.0 / 3, first.AttendanceRate!.Value, 9);
        var cat = view.Participants.Single(p => p.UserId == "cat");
        Assert.False(cat.Sessions[0].Present);
        Assert.Equal(1, view.Participants.Single(p => p.UserId == "ann").Sessions[0].HomeworkDone);
        OutcomeAssert.Missing(await f.Dashboard.ForFacilitatorAsync("other-facilitator", cohort.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Facilitator_notes_are_ciphertext_in_the_database(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider);
        var cohort = await f.StartAsync("compassion-training");
        const string notes = "Ben seemed very tired today; check in with him next week";
        (await f.Attendance.SaveNotesAsync("facilitator", cohort.Id, 1, notes)).Require();
        await using var fresh = f.Test.Fresh();
        var stored = await fresh.CohortSessions.SingleAsync(s => s.CohortId == cohort.Id && s.Number == 1);
        Assert.DoesNotContain("tired", stored.NotesCiphertext!, StringComparison.Ordinal);
        Assert.Equal(notes, f.Attendance.ReadNotes(cohort, stored));
        OutcomeAssert.Missing(await f.Attendance.SaveNotesAsync("other-facilitator", cohort.Id, 1, "x"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_shared_reflection_reaches_the_facilitator_and_withdrawing_removes_it(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        var journal = new ReflectionJournal(f.Db, f.Protection, f.Clock);
        var mine = (await journal.WriteAsync("ann", "Telling my partner about the night shift helped.")).Require();
        var secret = (await journal.WriteAsync("ann", "Not for anyone else.")).Require();

        (await f.Sharing.ShareAsync("ann", mine.Id, cohort.Id, mine.Text)).Require();
        OutcomeAssert.Missing(await f.Sharing.ShareAsync("ben", mine.Id, cohort.Id, "forged"));
        var shared = await f.Dashboard.SharedReflectionsAsync("facilitator", cohort.Id);
        Assert.Equal(mine.Text, Assert.Single(shared).Text);
        Assert.DoesNotContain(shared, s => s.Text.Contains("anyone else", StringComparison.Ordinal));
        Assert.Empty(await f.Dashboard.SharedReflectionsAsync("other-facilitator", cohort.Id));

        await using (var fresh = f.Test.Fresh())
        {
            Assert.DoesNotContain("night shift", (await fresh.SharedReflections.SingleAsync()).Ciphertext, StringComparison.Ordinal);
        }
        await f.Sharing.WithdrawAsync("ann", mine.Id, cohort.Id);
        Assert.Empty(await f.Dashboard.SharedReflectionsAsync("facilitator", cohort.Id));
        Assert.NotNull(secret);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dyad_cohorts_re_pair_absentees_and_balint_cohorts_rotate_presenters(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "a", "b", "c", "d");
        var dyads = await f.StartAsync("helping-the-helper", "a", "b", "c", "d");
        var planned = await f.Rota.GroupsAsync((await f.Scheduling.FindLedAsync("facilitator", dyads.Id))!, 1);
        Assert.Equal(2, planned.Count);
        Assert.All(planned, g => Assert.Equal(2, g.Count));
        (await f.Attendance.RecordAttendanceAsync("facilitator", dyads.Id, 1, new HashSet<string> { "a", "b", "c" })).Require();
        var onTheDay = await f.Rota.GroupsAsync((await f.Scheduling.FindLedAsync("facilitator", dyads.Id))!, 1);
        Assert.Equal(["a", "b", "c"], onTheDay.SelectMany(g => g).Order());
        Assert.Single(onTheDay); // three present: one trio

        var balint = await f.StartAsync("balint-group", "a", "b", "c");
        (await f.Participants.VolunteerAsync("c", balint.Id, 1, volunteer: true)).Require();
        var presenters = new List<string?>();
        for (var n = 1; n <= 6; n++)
        {
            presenters.Add((await f.Rota.ChoosePresenterAsync("facilitator", balint.Id, n)).Require());
        }
        Assert.Equal("c", presenters[0]); // volunteers first
        Assert.Equal(3, presenters.Take(3).Distinct().Count()); // nobody twice before everybody once
        Assert.Equal(3, presenters.Skip(3).Distinct().Count());
    }

    [Fact]
    public void The_current_session_is_the_one_not_yet_over()
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var sessions = Enumerable.Range(1, 3).Select(n => new CohortSession { Number = n, StartsAt = start.AddDays(7 * (n - 1)), Minutes = 60 }).ToList();
        Assert.Equal(1, ParticipantProgram.CurrentSession(sessions, start.AddDays(-3)).Number);
        Assert.Equal(1, ParticipantProgram.CurrentSession(sessions, start.AddMinutes(30)).Number);
        Assert.Equal(2, ParticipantProgram.CurrentSession(sessions, start.AddMinutes(61)).Number);
        Assert.Equal(3, ParticipantProgram.CurrentSession(sessions, start.AddDays(60)).Number);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Handing_a_cohort_over_withdraws_what_was_shared_with_the_previous_facilitator(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "admin");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        var facilitatorRole = new Microsoft.AspNetCore.Identity.IdentityRole("facilitator") { NormalizedName = "FACILITATOR" };
        f.Db.Roles.Add(facilitatorRole);
        f.Db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = "other-facilitator", RoleId = facilitatorRole.Id });
        f.Db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = "admin", RoleId = facilitatorRole.Id });
        await f.Db.SaveChangesAsync();
        var journal = new ReflectionJournal(f.Db, f.Protection, f.Clock);
        var entry = (await journal.WriteAsync("ann", "For Fran only.")).Require();
        (await f.Sharing.ShareAsync("ann", entry.Id, cohort.Id, entry.Text)).Require();
        (await f.Attendance.SaveNotesAsync("facilitator", cohort.Id, 1, "my private note")).Require();

        Assert.Equal("Facilitator", OutcomeAssert.Refused(await f.Administration.HandOverAsync("admin", cohort.Id, "admin")).Field);
        (await f.Administration.HandOverAsync("admin", cohort.Id, "other-facilitator")).Require();

        Assert.Empty(await f.Dashboard.SharedReflectionsAsync("other-facilitator", cohort.Id));
        var moved = await f.Scheduling.FindLedAsync("other-facilitator", cohort.Id);
        Assert.NotNull(moved);
        Assert.Null(f.Attendance.ReadNotes(moved, moved.Sessions[0]));
        Assert.Null(await f.Scheduling.FindLedAsync("facilitator", cohort.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_participant_can_leave_and_their_shares_go_with_them(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        var journal = new ReflectionJournal(f.Db, f.Protection, f.Clock);
        var entry = (await journal.WriteAsync("ann", "Shared, then I left.")).Require();
        (await f.Sharing.ShareAsync("ann", entry.Id, cohort.Id, entry.Text)).Require();
        (await f.Participants.LeaveAsync("ann", cohort.Id)).Require();
        Assert.Empty(await f.Participants.MineAsync("ann"));
        Assert.Empty(await f.Dashboard.SharedReflectionsAsync("facilitator", cohort.Id));
        OutcomeAssert.Missing(await f.Participants.LeaveAsync("ann", cohort.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_shared_result_shows_its_scores_to_the_facilitator_only_while_shared(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        Hearth.Core.Measurements.Measurement Result(string user, double total, DateTimeOffset at) => new()
        {
            UserId = user, InstrumentId = "mspss", InstrumentVersion = "1", SubmittedAt = at, AnswersJson = "{\"1\":7}", SafetyRules = null,
            Scores = [new Hearth.Core.Measurements.MeasurementScore { ScoreId = "total", Value = total, Band = "high" }],
        };
        var older = Result("ann", 4.0, f.Clock.Now.AddDays(-30));
        var latest = Result("ann", 5.5, f.Clock.Now);
        var bens = Result("ben", 2.0, f.Clock.Now);
        f.Db.Measurements.AddRange(older, latest, bens);
        await f.Db.SaveChangesAsync();

        var shareable = Assert.Single(await f.Results.ShareableAsync("ann"));
        Assert.Equal(latest.Id, shareable.MeasurementId);
        (await f.Results.ShareAsync("ann", older.Id, cohort.Id)).Require();
        Assert.Equal(2, (await f.Results.ShareableAsync("ann")).Count); // a shared older result stays listed, to be withdrawn
        await f.Results.WithdrawAsync("ann", older.Id, cohort.Id);
        (await f.Results.ShareAsync("ann", latest.Id, cohort.Id)).Require();
        OutcomeAssert.Missing(await f.Results.ShareAsync("ann", bens.Id, cohort.Id));
        OutcomeAssert.Missing(await f.Results.ShareAsync("ben", bens.Id, cohort.Id));

        var seen = Assert.Single(await f.Dashboard.SharedResultsAsync("facilitator", cohort.Id));
        Assert.Equal(("ann", 5.5, "high"), (seen.AuthorId, Assert.Single(seen.Scores).Value!.Value, seen.Scores[0].Band));
        Assert.Empty(await f.Dashboard.SharedResultsAsync("other-facilitator", cohort.Id));

        await f.Results.WithdrawAsync("ann", latest.Id, cohort.Id);
        Assert.Empty(await f.Dashboard.SharedResultsAsync("facilitator", cohort.Id));
        (await f.Results.ShareAsync("ann", latest.Id, cohort.Id)).Require();
        (await f.Participants.LeaveAsync("ann", cohort.Id)).Require();
        Assert.Empty(await f.Dashboard.SharedResultsAsync("facilitator", cohort.Id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Only_a_duplicate_key_counts_as_the_harmless_race(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        f.Clock.Now = new DateTimeOffset(2026, 10, 8, 9, 0, 0, TimeSpan.Zero);
        (await f.Participants.SetHomeworkAsync("ann", cohort.Id, 1, 0, done: true)).Require();
        var sessionId = (await f.Db.CohortSessions.FirstAsync(s => s.CohortId == cohort.Id && s.Number == 1)).Id;

        await using var duplicate = f.Test.Fresh();
        duplicate.HomeworkCompletions.Add(new HomeworkCompletion { SessionId = sessionId, UserId = "ann", HomeworkIndex = 0 });
        Assert.True(Hearth.Core.Persistence.IdempotentSave.IsUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync())));

        await using var broken = f.Test.Fresh();
        broken.HomeworkCompletions.Add(new HomeworkCompletion { SessionId = sessionId, UserId = "nobody", HomeworkIndex = 1 });
        Assert.False(Hearth.Core.Persistence.IdempotentSave.IsUniqueViolation(await Assert.ThrowsAsync<DbUpdateException>(() => broken.SaveChangesAsync())));
        await using var idempotent = f.Test.Fresh();
        idempotent.HomeworkCompletions.Add(new HomeworkCompletion { SessionId = sessionId, UserId = "nobody", HomeworkIndex = 1 });
        await Assert.ThrowsAsync<DbUpdateException>(() => Hearth.Core.Persistence.IdempotentSave.SaveIgnoringDuplicateAsync(idempotent));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_removed_participant_is_gone_from_the_cohort_at_once_and_from_future_presenting(string provider)
    {
        await using var f = await CohortFixture.CreateAsync(provider, "ann", "ben");
        var cohort = await f.StartAsync("balint-group", "ann", "ben");
        (await f.Participants.VolunteerAsync("ann", cohort.Id, 1, volunteer: true)).Require();
        Assert.Equal("ann", (await f.Rota.ChoosePresenterAsync("facilitator", cohort.Id, 1)).Require());
        (await f.Members.RemoveParticipantAsync("facilitator", cohort.Id, "ann")).Require();
        var view = (await f.Dashboard.ForFacilitatorAsync("facilitator", cohort.Id)).Require();
        Assert.Equal(["ben"], view.Participants.Select(p => p.UserId));
        Assert.Null(view.Cohort.Sessions.Single(s => s.Number == 1).PresenterId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_adds_at_the_same_moment_cannot_overfill_a_cohort(string provider)
    {
        string[] people = ["p1", "p2", "p3", "p4", "p5", "p6"];
        await using var f = await CohortFixture.CreateAsync(provider, people);
        var cohort = (await f.Scheduling.StartAsync("facilitator", new NewCohort("balint-group", "Small", new DateOnly(2026, 10, 8), new TimeOnly(9, 0), "UTC", null, null, 3))).Require();
        var attempts = people.Select(async person =>
        {
            await using var db = f.Test.Fresh();
            var outcome = await new CohortMembers(db, f.Clock).AddParticipantAsync("facilitator", cohort.Id, person);
            // Only "full" may refuse a join here; anything else fails the test.
            return outcome.Problem is { } problem ? !problem.Message.Contains("full", StringComparison.Ordinal) && outcome.Require() : outcome.Require();
        });
        var added = await Task.WhenAll(attempts);
        Assert.Equal(3, added.Count(a => a));
        await using var check = f.Test.Fresh();
        Assert.Equal(3, await check.CohortParticipants.CountAsync(p => p.CohortId == cohort.Id));
    }
}
