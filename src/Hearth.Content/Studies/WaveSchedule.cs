using Hearth.Content.Groups;

namespace Hearth.Content.Studies;

/// <summary>What a wave's offset counts from.</summary>
public enum WaveAnchor { Enrolment, ProgramStart, ProgramEnd }

/// <summary>
/// A measurement wave of a study: its name (pre, post, 2-month follow-up), the day it opens counted from
/// its anchor, how many days it stays open, and the questionnaires it asks for.
/// </summary>
public sealed record WaveDefinition(string Name, WaveAnchor Anchor, int OffsetDays, int WindowDays, IReadOnlyList<string> Instruments)
{
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > FieldLengths.Name)
        {
            problems.Add(("name", $"give the wave a name (up to {FieldLengths.Name} characters)"));
        }
        if (OffsetDays is < -365 or > 3650)
        {
            problems.Add(("offset_days", "a wave opens between a year before and ten years after its anchor"));
        }
        if (WindowDays is < 1 or > 365)
        {
            problems.Add(("window_days", "a wave stays open from 1 to 365 days"));
        }
        if (Instruments.Count == 0)
        {
            problems.Add(("instruments", "a wave asks for at least one questionnaire"));
        }
        return problems;
    }
}

/// <summary>
/// The days a participant's anchors fall on. An arm without a program (a waitlist before it gets the
/// program, treatment as usual) has no program dates of its own: its program-anchored waves follow the
/// study's planned timeline from enrolment, so its measurements line up with the active arms'.
/// </summary>
public sealed record ParticipantAnchors(DateOnly Enrolled, DateOnly? ProgramStart, DateOnly? ProgramEnd);

/// <summary>When a study's program starts and ends relative to enrolment, for arms that have none.</summary>
public sealed record PlannedTimeline(int ProgramStartDays, int ProgramEndDays);

/// <summary>One wave for one participant: when it opens and closes (instants, from the study's local time).</summary>
public sealed record WaveWindow(string Wave, DateTimeOffset Opens, DateTimeOffset Closes);

/// <summary>
/// Wave dates for a participant: each opens at the study's local opening time on its day and closes the
/// same local time <c>WindowDays</c> later, so a wave that crosses a daylight-saving change still opens at
/// 09:00 local (its instant moves instead, as cohort sessions do).
/// </summary>
public static class WaveSchedule
{
    public static readonly TimeOnly DefaultOpeningTime = new(9, 0);

    public static IReadOnlyList<WaveWindow> For(IReadOnlyList<WaveDefinition> waves, ParticipantAnchors anchors, PlannedTimeline planned, TimeZoneInfo zone, TimeOnly? openingTime = null)
    {
        var time = openingTime ?? DefaultOpeningTime;
        return [.. waves.Select(wave =>
        {
            var anchor = wave.Anchor switch
            {
                WaveAnchor.Enrolment => anchors.Enrolled,
                WaveAnchor.ProgramStart => anchors.ProgramStart ?? anchors.Enrolled.AddDays(planned.ProgramStartDays),
                _ => anchors.ProgramEnd ?? anchors.Enrolled.AddDays(planned.ProgramEndDays),
            };
            var opens = anchor.AddDays(wave.OffsetDays);
            return new WaveWindow(wave.Name,
                SessionSchedule.ToInstant(opens.ToDateTime(time), zone),
                SessionSchedule.ToInstant(opens.AddDays(wave.WindowDays).ToDateTime(time), zone));
        })];
    }
}
