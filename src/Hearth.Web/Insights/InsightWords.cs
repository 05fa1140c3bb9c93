using System.Collections.Concurrent;
using System.Globalization;
using Hearth.Content.Insights;
using Hearth.Core.Insights;
using Hearth.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Insights;

/// <summary>
/// The insights pages' words for what Core and Content name in English (a withheld figure's reason, a job
/// demand's title and unit, a kind of change, a grouping), and their figures and months as the reader's
/// language writes them. The API keeps Core's English reasons (a contract other tools read): only the pages
/// word them, by recognising Core's sentence. Anything not recognised is shown as Core or Content wrote it.
/// </summary>
public static class InsightWords
{
    private static readonly ConcurrentDictionary<string, CultureInfo> Gregorian = new(StringComparer.Ordinal);

    private static CultureInfo Reader => CultureInfo.CurrentUICulture;

    /// <summary>
    /// The reader's language in the Gregorian calendar. The figures are grouped by Gregorian month, so a month is
    /// named as one ("ژانویه 2026" for a Persian reader, not the Solar Hijri month it only partly overlaps);
    /// a single day is the same day in any calendar and stays in the reader's own.
    /// </summary>
    private static CultureInfo MonthReader => Reader.DateTimeFormat.Calendar is GregorianCalendar ? Reader : Gregorian.GetOrAdd(Reader.Name, _ =>
    {
        var culture = (CultureInfo)Reader.Clone();
        culture.DateTimeFormat.Calendar = new GregorianCalendar();
        return CultureInfo.ReadOnly(culture);
    });

    /// <summary>Why a figure is withheld, in the reader's language (Core's English when it is not one of Core's reasons).</summary>
    public static string Reason(IStringLocalizer<InsightsText> T, string? reason, int k)
    {
        if (reason is null)
        {
            return "";
        }
        foreach (var why in Enum.GetValues<SuppressionReason>())
        {
            if (OrganisationInsights.Words(why, k) == reason)
            {
                return why switch
                {
                    SuppressionReason.TooFew => T["Insights.Reason.TooFew", k],
                    SuppressionReason.Subtraction => T["Insights.Reason.Subtraction"],
                    SuppressionReason.Segment => T["Insights.Reason.Segment", k],
                    _ => T["Insights.Reason.Period", k],
                };
            }
        }
        return reason;
    }

    /// <summary>A job demand's name, by the English Content gives it.</summary>
    public static string Title(IStringLocalizer<InsightsText> T, DemandMeasure measure) => measure.Title switch
    {
        "Caseload" => T["Insights.Demand.Caseload"],
        "Contracted hours" => T["Insights.Demand.ContractedHours"],
        "Hours worked" => T["Insights.Demand.WorkedHours"],
        "Overtime" => T["Insights.Demand.Overtime"],
        "On-call shifts" => T["Insights.Demand.OnCallShifts"],
        "Sick leave" => T["Insights.Demand.SickLeave"],
        "Vacancies" => T["Insights.Demand.Vacancies"],
        "Supervision" => T["Insights.Demand.Supervision"],
        _ => measure.Title,
    };

    /// <summary>A job demand's unit, by the English Content gives it.</summary>
    public static string Unit(IStringLocalizer<InsightsText> T, DemandMeasure measure) => measure.Unit switch
    {
        "open cases per clinician" => T["Insights.Unit.Cases"],
        "hours in the month" => T["Insights.Unit.Hours"],
        "shifts in the month" => T["Insights.Unit.Shifts"],
        "days in the month" => T["Insights.Unit.Days"],
        "posts unfilled (full-time equivalents)" => T["Insights.Unit.Posts"],
        _ => measure.Unit,
    };

    /// <summary>A kind of organisational change, as a list or a sentence names it.</summary>
    public static string Kind(IStringLocalizer<InsightsText> T, ChangeKind kind) => kind switch
    {
        ChangeKind.CaseloadCap => T["Insights.Kind.CaseloadCap"],
        ChangeKind.FlexibleScheduling => T["Insights.Kind.FlexibleScheduling"],
        ChangeKind.RemoteWork => T["Insights.Kind.RemoteWork"],
        ChangeKind.ReducedHours => T["Insights.Kind.ReducedHours"],
        ChangeKind.ProtectedSupervision => T["Insights.Kind.ProtectedSupervision"],
        _ => T["Insights.Kind.Other"],
    };

    /// <summary>A grouping as a choice names it ("team").</summary>
    public static string Grouping(IStringLocalizer<InsightsText> T, InsightGrouping by) => by switch
    {
        InsightGrouping.Profession => T["Insights.Grouping.Profession"],
        InsightGrouping.Site => T["Insights.Grouping.Site"],
        _ => T["Insights.Grouping.Team"],
    };

    /// <summary>How a report says what it is grouped by ("grouped by team").</summary>
    public static string GroupedBy(IStringLocalizer<InsightsText> T, InsightGrouping by) => by switch
    {
        InsightGrouping.Profession => T["Insights.Grouping.ByProfession"],
        InsightGrouping.Site => T["Insights.Grouping.BySite"],
        _ => T["Insights.Grouping.ByTeam"],
    };

    /// <summary>The charts' words in the reader's language, for a response whose minimum group size is <paramref name="k"/>.</summary>
    public static InsightChartWords Chart(IStringLocalizer<InsightsText> T, int k) => new(
        T["Insights.Chart.MeansTitle"], T["Insights.Chart.Organisation"], T["Insights.Chart.Norm"], T["Insights.Chart.Withheld"], T["Insights.Chart.TrendTitle"],
        reason => Reason(T, reason, k), MonthReader, Reader.TextInfo.IsRightToLeft);

    /// <summary>A figure in <paramref name="format"/> as the reader's language writes numbers; a dash when there is none.</summary>
    public static string Number(double? value, string format) => value is { } v ? v.ToString(format, Reader) : "—";

    /// <summary>A share as a whole percentage ("46%").</summary>
    public static string Share(double value) => value.ToString("0%", Reader);

    /// <summary>A month of the figures ("Dec 2026" in English), always a Gregorian one (<see cref="MonthReader"/>).</summary>
    public static string Month(DateOnly month) => month.ToString("MMM yyyy", MonthReader);

    /// <summary>A day in short words ("3 Dec 2026" in English).</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Reader);

    /// <summary>A day written out (<see cref="Readable.Day"/>: "3 December 2026").</summary>
    public static string LongDay(DateOnly day) => Readable.Day(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
}
