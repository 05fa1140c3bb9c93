namespace Hearth.Content.Groups;

/// <summary>
/// Session times from a cadence: the same local wall-clock time every interval, in the cohort's time
/// zone, so a 09:30 session stays at 09:30 when daylight-saving time begins or ends (its UTC instant
/// moves instead). A local time that does not exist on a spring-forward day is moved forward by the
/// gap; an ambiguous one on a fall-back day takes the first (daylight) occurrence.
/// </summary>
public static class SessionSchedule
{
    public static IReadOnlyList<DateTimeOffset> Generate(DateOnly firstDate, TimeOnly time, TimeZoneInfo zone, int intervalDays, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sessions = new List<DateTimeOffset>(count);
        for (var i = 0; i < count; i++)
        {
            sessions.Add(ToInstant(firstDate.AddDays(i * intervalDays).ToDateTime(time), zone));
        }
        return sessions;
    }

    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Spring forward: 02:30 does not exist; the clock reads 03:30 at that moment.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            local = local.Add(after - before);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
