using Hearth.Content;
using Hearth.Core.Localization;
using Hearth.Core.Rules;

namespace Hearth.Core.Cohorts;

/// <summary>The limits and checks of cohort input, shared by starting a cohort and editing it (pages read the numbers for their fields).</summary>
public static class CohortLimits
{
    public const int MaxCapacity = 200;
    public const int MaxNotesLength = 20_000;
    public const int MaxMeetings = 200;
    public const int MaxMeetingsAddedAtOnce = 52;

    /// <summary>Session dates Hearth accepts: from a year back to five years ahead.</summary>
    internal static FieldProblem? CheckDate(DateOnly date, string field, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return date < today.AddYears(-1) || date > today.AddYears(5)
            ? new FieldProblem(field, ProblemText.Get("Cohorts.DateOutOfRange"))
            : null;
    }

    internal static FieldProblem? CheckPlace(string? place) =>
        place is { Length: > FieldLengths.Place } ? new FieldProblem("Place", ProblemText.Get("Cohorts.PlaceTooLong", FieldLengths.Place)) : null;

    internal static FieldProblem? CheckLink(string? link)
    {
        if (link is { Length: > FieldLengths.Link })
        {
            return new FieldProblem("VideoLink", ProblemText.Get("Cohorts.VideoLinkTooLong", FieldLengths.Link));
        }
        return !string.IsNullOrWhiteSpace(link) && (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            ? new FieldProblem("VideoLink", ProblemText.Get("Cohorts.VideoLinkNotHttps"))
            : null;
    }

    /// <summary>The time zone an IANA name gives, or null.</summary>
    public static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    internal static FieldProblem NoSuchZone(string? id) => new("TimeZone", ProblemText.Get("TimeZone.Unknown", id));

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
