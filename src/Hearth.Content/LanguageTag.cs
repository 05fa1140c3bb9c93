using System.Text.RegularExpressions;

namespace Hearth.Content;

/// <summary>Language tags as content files write them: language, optional script, optional region (<c>ru</c>, <c>es-MX</c>, <c>sr-Latn-RS</c>).</summary>
public static partial class LanguageTag
{
    [GeneratedRegex("^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>The language without script or region: "es" for "es-MX".</summary>
    public static string Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLowerInvariant();
    }

    /// <summary>Whether two tags name the same language, whatever their regions (es-US and es-MX).</summary>
    public static bool SameLanguage(string a, string b) => Primary(a) == Primary(b);
}
