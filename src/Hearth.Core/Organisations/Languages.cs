namespace Hearth.Core.Organisations;

/// <summary>
/// The languages Hearth's pages are written in, by culture name. Persian is named with its country
/// (fa-IR) because that culture brings the Solar Hijri calendar its readers date things by; Spanish is
/// Mexico's, where Helping the Helper comes from.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es-MX";
    public const string Russian = "ru";
    public const string Persian = "fa-IR";
    public const int MaxLength = 16;

    public static IReadOnlyList<string> All { get; } = [English, Spanish, Russian, Persian];

    /// <summary>Each language's name in itself, as a person looking for theirs would recognise it.</summary>
    public static string NameOf(string language) => language switch
    {
        English => "English",
        Spanish => "Español (México)",
        Russian => "Русский",
        Persian => "فارسی",
        _ => language,
    };

    /// <summary>The supported name for <paramref name="language"/> ("es-mx" → "es-MX"), or null when Hearth has no such language.</summary>
    public static string? Find(string? language) =>
        All.FirstOrDefault(l => string.Equals(l, language?.Trim(), StringComparison.OrdinalIgnoreCase));
}
