using System.Globalization;

namespace Hearth.Cli.Localization;

/// <summary>
/// The language of the tool's own messages: <c>HEARTH_LANGUAGE</c> when set, else the POSIX locale
/// (<c>LC_ALL</c>, then <c>LC_MESSAGES</c>, then <c>LANG</c>: the first that is set decides), else English.
/// Anything the tool does not speak is English. Only the words change: numbers, JSON and CSV stay invariant.
/// </summary>
public static class CliLanguage
{
    public const string English = "en";
    public const string Spanish = "es-MX";
    public const string Russian = "ru";
    public const string Persian = "fa-IR";

    public static IReadOnlyList<string> All { get; } = [English, Spanish, Russian, Persian];

    /// <summary>The language this process's environment asks for.</summary>
    public static string FromEnvironment() => Choose(
        Environment.GetEnvironmentVariable("HEARTH_LANGUAGE"),
        Environment.GetEnvironmentVariable("LC_ALL"),
        Environment.GetEnvironmentVariable("LC_MESSAGES"),
        Environment.GetEnvironmentVariable("LANG"));

    /// <summary>
    /// The language for these environment values: the first one set (non-empty) decides, as a POSIX locale
    /// does, so <c>LC_ALL=de_DE.UTF-8</c> means English even when <c>LANG</c> names Russian.
    /// </summary>
    public static string Choose(string? hearthLanguage, string? lcAll, string? lcMessages, string? lang)
    {
        var chosen = new[] { hearthLanguage, lcAll, lcMessages, lang }.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return Of(chosen) ?? English;
    }

    /// <summary>
    /// One value, as <c>HEARTH_LANGUAGE</c> or a locale writes it (<c>ru</c>, <c>es-MX</c>, <c>es_ES.UTF-8</c>,
    /// <c>fa_IR@calendar</c>), to the language it names; null for one the tool does not speak (<c>C</c>, <c>de_DE</c>).
    /// </summary>
    public static string? Of(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var name = value.Trim();
        var end = name.IndexOfAny(['.', '@']); // the codeset and modifier of a locale name
        if (end >= 0)
        {
            name = name[..end];
        }
        var separator = name.IndexOfAny(['_', '-']);
        var code = (separator >= 0 ? name[..separator] : name).ToLowerInvariant();
        return code switch
        {
            "en" => English,
            "es" => Spanish,
            "ru" => Russian,
            "fa" => Persian,
            _ => null,
        };
    }

    /// <summary>
    /// The culture the resources are looked up in: the invariant culture (the English resources) for English,
    /// and for a language whose culture this process cannot create.
    /// </summary>
    public static CultureInfo Culture(string language)
    {
        if (language == English || !All.Contains(language))
        {
            return CultureInfo.InvariantCulture;
        }
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
