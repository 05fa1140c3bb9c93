using Hearth.Content.Groups;

namespace Hearth.Content.Tests.Groups;

public class SessionScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void Weekly_sessions_keep_their_local_time_across_the_spring_change()
    {
        // Clocks go forward in the UK on Sunday 29 March 2026.
        var sessions = SessionSchedule.Generate(new DateOnly(2026, 3, 22), new TimeOnly(9, 30), London, 7, 3);
        Assert.All(sessions, s => Assert.Equal(new TimeOnly(9, 30), TimeOnly.FromDateTime(s.DateTime)));
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 9, 30, 0, TimeSpan.Zero), sessions[0]);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 30, 0, TimeSpan.Zero), sessions[1].ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(1), sessions[2].Offset);
    }

    [Fact]
    public void Fortnightly_sessions_keep_their_local_time_across_the_autumn_change()
    {
        // Clocks go back on Sunday 25 October 2026.
        var sessions = SessionSchedule.Generate(new DateOnly(2026, 10, 15), new TimeOnly(17, 0), London, 14, 2);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 16, 0, 0, TimeSpan.Zero), sessions[0].ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 10, 29, 17, 0, 0, TimeSpan.Zero), sessions[1].ToUniversalTime());
    }

    [Fact]
    public void A_time_that_does_not_exist_moves_forward_by_the_gap()
    {
        var instant = SessionSchedule.ToInstant(new DateTime(2026, 3, 29, 1, 30, 0), London);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant.ToUniversalTime());
        Assert.Equal(new TimeOnly(2, 30), TimeOnly.FromDateTime(instant.DateTime));
    }

    [Fact]
    public void An_ambiguous_time_takes_the_first_occurrence()
    {
        var instant = SessionSchedule.ToInstant(new DateTime(2026, 10, 25, 1, 30, 0), London);
        Assert.Equal(TimeSpan.FromHours(1), instant.Offset);
    }
}
