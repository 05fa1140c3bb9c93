using System.Globalization;

namespace Hearth.Cli.Localization;

/// <summary>
/// The tool's own words, by key, in Messages.resx (English) and one file per language beside it, in the
/// current UI culture (chosen once at start-up from <see cref="CliLanguage"/>). Placeholders are filled with
/// the invariant culture, so numbers read as they always have. What is wrong with a data file (a CSV's line
/// and column) comes from Hearth.Content in the same culture (ContentText).
/// </summary>
public static class CliText
{
    private static readonly Content.Localization.ResourceText Resources = new("Hearth.Cli.Localization.Messages", typeof(CliText).Assembly);

    /// <summary>One text, with its placeholders filled.</summary>
    public static string Get(string key, params object?[] args) => Resources.Get(key, args);

    /// <summary>
    /// One text as Spectre markup: its own words escaped, so a bracket in a translation is printed as it is;
    /// the arguments go in as they are, so the caller escapes values and may add markup (<c>[bold]…[/]</c>).
    /// </summary>
    public static string Markup(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Spectre.Console.Markup.Escape(Get(key)), args);

    /// <summary>Table headings as Spectre markup: each key's text, escaped.</summary>
    public static string[] Headings(params string[] keys) => [.. keys.Select(key => Spectre.Console.Markup.Escape(Get(key)))];
}
