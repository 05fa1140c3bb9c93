using Hearth.Content.Programs;

namespace Hearth.Core.Cohorts;

/// <summary>How a cohort's meetings map onto a program's session files.</summary>
public static class ProgramSessions
{
    /// <summary>Meetings scheduled up front for an ongoing program (more can be added later).</summary>
    public const int DefaultOngoingMeetings = 12;

    /// <summary>
    /// The content of meeting <paramref name="number"/> (1-based). A fixed program has one file per
    /// meeting; an ongoing program's files form a pattern that repeats (Balint: case meetings with a
    /// periodic review; peer support: circle meeting, then buddy check-in).
    /// </summary>
    /// <param name="language">The cohort's language: its translation's session file where the program has one.</param>
    public static SessionDefinition ContentOf(ProgramDefinition program, int number, string? language = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var sessions = program.SessionsIn(language);
        if (!program.Cadence.Ongoing)
        {
            return sessions[Math.Min(number, sessions.Count) - 1];
        }
        return sessions[(number - 1) % sessions.Count];
    }


    /// <summary>How many days either side of a measurement point its questionnaires count as due.</summary>
    public const int MeasurementWindowDays = 7;

    /// <summary>The program's measurement points as dates for a cohort whose first session is <paramref name="firstSession"/>.</summary>
    public static IReadOnlyList<(string Name, DateTimeOffset Due)> MeasurementDates(ProgramDefinition program, DateTimeOffset firstSession) =>
        [.. program.MeasurementPoints.OrderBy(p => p.OffsetDays).Select(p => (p.Name, firstSession.AddDays(p.OffsetDays)))];

    /// <summary>Instrument ids of the program's outcomes, in order, without repeats.</summary>
    public static IReadOnlyList<string> OutcomeInstruments(ProgramDefinition program) =>
        [.. program.Outcomes.Select(o => o.Split('/')[0]).Distinct()];
}
