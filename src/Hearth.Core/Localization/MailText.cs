using System.Globalization;
using Hearth.Core.Organisations;

namespace Hearth.Core.Localization;

/// <summary>
/// The words of Hearth's e-mails in the recipient's language (Mail.resx and one file per language beside
/// it): their own choice, else the organisation's default, else English. Dates in them are written as that
/// language writes them (Persian in the Solar Hijri calendar); links and times of day stay as they are.
/// </summary>
public static class MailText
{
    private static readonly Content.Localization.ResourceText Resources = new("Hearth.Core.Localization.Mail", typeof(MailText).Assembly);

    /// <summary>The language an e-mail to a person is written in.</summary>
    public static string LanguageFor(string? personal, string? organisationDefault) =>
        Languages.Find(personal) ?? Languages.Find(organisationDefault) ?? Languages.English;

    /// <summary>One text, with its placeholders filled.</summary>
    public static string Get(string? language, string key, params object?[] args)
    {
        var culture = CultureOf(language);
        return string.Format(culture, Resources.Text(key, culture), args);
    }

    /// <summary>A day written out in the language ("Thursday 3 December 2026", "jueves, 3 de diciembre de 2026", "پنجشنبه ۱۲ آذر ۱۴۰۵").</summary>
    public static string Day(string? language, DateTimeOffset at)
    {
        var culture = CultureOf(language);
        return culture == CultureInfo.InvariantCulture ? at.ToString("dddd d MMMM yyyy", culture) : at.ToString("D", culture);
    }

    /// <summary>
    /// The language's culture where this process has it; English is the neutral resources. A process run
    /// without culture data (the CLI, some tests) writes English rather than failing.
    /// </summary>
    private static CultureInfo CultureOf(string? language)
    {
        if (Languages.Find(language) is not { } found || found == Languages.English)
        {
            return CultureInfo.InvariantCulture;
        }
        try
        {
            return CultureInfo.GetCultureInfo(found);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
