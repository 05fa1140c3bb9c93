using Hearth.Core.Cohorts;
using Hearth.Core.Tests.Persistence;

namespace Hearth.Core.Tests.Cohorts;

public class CalendarTests
{
    [Fact]
    public async Task Sessions_are_written_as_icalendar_events_in_utc_with_stable_uids()
    {
        await using var f = await CohortFixture.CreateAsync(TestDatabases.Sqlite, "ann");
        var cohort = await f.StartAsync("helping-the-helper", "ann");
        var calendar = new CohortCalendar(f.Db, CohortFixture.Programs.Value, f.Clock);

        var ics = calendar.Write(await calendar.SessionsOfAsync("ann"));

        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Equal(6, ics.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains("DTSTART:20261008T083000Z", ics, StringComparison.Ordinal); // 09:30 BST
        Assert.Contains("DTSTART:20261112T093000Z", ics, StringComparison.Ordinal); // 09:30 GMT
        Assert.Contains($"UID:hearth-cohort-{cohort.Id}-session-1@hearth", ics, StringComparison.Ordinal);
        // Times and titles only: the group's name, place and video link stay inside Hearth.
        Assert.Contains("SUMMARY:Helping the Helper 1:", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Room 2", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Autumn group", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCATION", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("DESCRIPTION", ics, StringComparison.Ordinal);
        Assert.Empty(await calendar.SessionsOfAsync("nobody"));
        Assert.Equal(6, (await calendar.SessionsOfAsync("facilitator")).Count);
    }

    [Fact]
    public async Task A_feed_token_works_until_it_is_revoked_or_replaced()
    {
        await using var f = await CohortFixture.CreateAsync(TestDatabases.Sqlite, "ann");
        var calendar = new CohortCalendar(f.Db, CohortFixture.Programs.Value, f.Clock);
        var first = await calendar.CreateFeedAsync("ann");
        Assert.Equal("ann", await calendar.FeedOwnerAsync(first));
        var second = await calendar.CreateFeedAsync("ann");
        Assert.Null(await calendar.FeedOwnerAsync(first));
        Assert.Equal("ann", await calendar.FeedOwnerAsync(second));
        await calendar.RevokeFeedsAsync("ann");
        Assert.Null(await calendar.FeedOwnerAsync(second));
        Assert.Null(await calendar.FeedOwnerAsync("not-a-token"));
        Assert.False(await calendar.HasFeedAsync("ann"));
    }
}
