using System.Globalization;

namespace Hearth.Web.Localization;

/// <summary>
/// Dates and numbers as the reader's language writes them: a Persian reader sees the Solar Hijri
/// calendar and Persian separators, a Russian reader a decimal comma. Only for text a person reads;
/// stored data, attributes, charts' coordinates and exports stay invariant.
/// </summary>
public static class Readable
{
    private static CultureInfo Reader => CultureInfo.CurrentUICulture;

    /// <summary>A day written out as each language writes it ("3 December 2026", "3 de diciembre de 2026", "3 декабря 2026 г.", "12 آذر 1405").</summary>
    public static string Day(DateTimeOffset at) => at.ToString(Reader.Name switch
    {
        Core.Organisations.Languages.Spanish => "d 'de' MMMM 'de' yyyy",
        Core.Organisations.Languages.Russian => "d MMMM yyyy 'г.'",
        _ => "d MMMM yyyy",
    }, Reader.Name.Length == 0 ? CultureInfo.GetCultureInfo(Core.Organisations.Languages.English) : Reader);

    /// <summary>A day in short form, for tables: ISO in English ("2026-12-03", read the same everywhere), the language's own form otherwise ("03/12/2026", "1405/9/12").</summary>
    public static string ShortDay(DateTimeOffset at) =>
        Reader.Name is "" or Core.Organisations.Languages.English ? at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : at.ToString("d", Reader);

    /// <summary>A score with up to two decimals.</summary>
    public static string Number(double value) => value.ToString("0.##", Reader);

    /// <summary>The writing direction of the reader's language, for <c>dir</c>.</summary>
    public static string Direction => Reader.TextInfo.IsRightToLeft ? "rtl" : "ltr";

    /// <summary>The writing direction of a text in <paramref name="language"/> (a program's session in its cohort's language).</summary>
    public static string DirectionOf(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft ? "rtl" : "ltr";
        }
        catch (CultureNotFoundException)
        {
            return "ltr";
        }
    }

    /// <summary>The reader's language, for <c>lang</c>.</summary>
    public static string Language => Reader.Name.Length == 0 ? "en" : Reader.Name;
}
