using System.Globalization;
using Hearth.Core.Insights;
using Hearth.Core.Rules;

namespace Hearth.Web.Insights;

/// <summary>Reads a dashboard question from query-string text, for the page and the API alike; each problem names its parameter.</summary>
public static class InsightQueryText
{
    public static string Name(InsightGrouping by) => by.ToString().ToLowerInvariant();

    /// <summary>The score a page asks about by default.</summary>
    public const string DefaultMeasure = "who-5/total";

    /// <summary>A <c>measure</c> parameter ("who-5/total") as its instrument and score; the default when none is given.</summary>
    public static (string Instrument, string Score) Measure(string? text)
    {
        var parts = (string.IsNullOrWhiteSpace(text) ? DefaultMeasure : text).Split('/', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : "");
    }

    public static Outcome<InsightRequest> Parse(string? instrument, string? score, string? by, string? from, string? to, string? profession, string? site, TimeProvider clock, string? trend = null)
    {
        if (string.IsNullOrWhiteSpace(instrument))
        {
            return new FieldProblem("instrument", "name a questionnaire (instrument=who-5)");
        }
        if (string.IsNullOrWhiteSpace(score))
        {
            return new FieldProblem("score", "name one of its scores (score=total)");
        }
        var grouping = InsightGrouping.Team;
        if (by is not null && !Enum.TryParse(by, ignoreCase: true, out grouping))
        {
            return new FieldProblem("by", $"'{by}' is not a grouping: use team, profession or site");
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // By default the last twelve months, whole months from the first.
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var end = today;
        if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return new FieldProblem("from", $"'{from}' is not a date (YYYY-MM-DD)");
        }
        if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
        {
            return new FieldProblem("to", $"'{to}' is not a date (YYYY-MM-DD)");
        }
        return Outcome.Of(new InsightRequest(instrument.Trim(), score.Trim(), grouping, start, end,
            string.IsNullOrWhiteSpace(profession) ? null : profession.Trim(), string.IsNullOrWhiteSpace(site) ? null : site.Trim(),
            string.IsNullOrWhiteSpace(trend) ? null : trend.Trim()));
    }
}
