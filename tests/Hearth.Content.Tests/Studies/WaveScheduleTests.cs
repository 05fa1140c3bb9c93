using Hearth.Content.Studies;

namespace Hearth.Content.Tests.Studies;

public class WaveScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo MexicoCity = TimeZoneInfo.FindSystemTimeZoneById("America/Mexico_City");

    private static readonly WaveDefinition[] Waves =
    [
        new("pre", WaveAnchor.Enrolment, 0, 14, ["mbi-hss"]),
        new("post", WaveAnchor.ProgramEnd, 0, 14, ["mbi-hss"]),
        new("2-month follow-up", WaveAnchor.ProgramEnd, 60, 21, ["mbi-hss", "who-5"]),
    ];

    [Fact]
    public void A_wave_opens_at_the_same_local_time_on_either_side_of_a_clock_change()
    {
        // Enrolled 20 March 2026 (GMT); the program ends 30 April (BST): post opens 09:00 BST = 08:00 UTC.
        var windows = WaveSchedule.For(Waves, new ParticipantAnchors(new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 25), new DateOnly(2026, 4, 30)), new PlannedTimeline(7, 49), London);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero), windows[0].Opens);
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero), windows[1].Opens);
        // The follow-up opens 60 days after the end (29 June, BST) and closes 21 days later at 09:00 local too.
        Assert.Equal(new DateTimeOffset(2026, 6, 29, 8, 0, 0, TimeSpan.Zero), windows[2].Opens);
        Assert.Equal(new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.Zero), windows[2].Closes);
        // A window that spans the October change closes at 09:00 GMT.
        var autumn = WaveSchedule.For([new WaveDefinition("pre", WaveAnchor.Enrolment, 0, 14, ["who-5"])], new ParticipantAnchors(new DateOnly(2026, 10, 20), null, null), new PlannedTimeline(7, 49), London);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero), autumn[0].Opens);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), autumn[0].Closes);
    }

    [Fact]
    public void An_arm_without_a_program_follows_the_planned_timeline_from_enrolment()
    {
        var waitlist = WaveSchedule.For(Waves, new ParticipantAnchors(new DateOnly(2026, 9, 1), null, null), new PlannedTimeline(7, 49), MexicoCity);
        // Mexico City has no daylight saving since 2022: 09:00 is 15:00 UTC all year.
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero), waitlist[1].Opens); // 1 Sep + 49 days
        Assert.Equal(new DateTimeOffset(2026, 12, 19, 15, 0, 0, TimeSpan.Zero), waitlist[2].Opens); // + 60 days
    }

    [Fact]
    public void A_wave_that_cannot_be_run_names_its_field()
    {
        var bad = new WaveDefinition("", WaveAnchor.Enrolment, 5000, 0, []);
        Assert.Equal(["name", "offset_days", "window_days", "instruments"], bad.Problems().Select(p => p.Field));
        Assert.Empty(Waves[2].Problems());
    }
}
