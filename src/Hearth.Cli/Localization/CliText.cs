using System.Globalization;
using System.Resources;

namespace Hearth.Cli.Localization;

/// <summary>
/// The tool's own words, by key, in Messages.resx (English) and one file per language beside it, in the
/// current UI culture (chosen once at start-up from <see cref="CliLanguage"/>). Placeholders are filled with
/// the invariant culture, so numbers read as they always have. Problems that come from Hearth.Content
/// (a CSV's line and column, an instrument file's path) stay English and are not looked up here.
/// </summary>
public static class CliText
{
    private static readonly ResourceManager Resources = new("Hearth.Cli.Localization.Messages", typeof(CliText).Assembly);

    /// <summary>One text, with its placeholders filled.</summary>
    public static string Get(string key, params object?[] args)
    {
        var text = Resources.GetString(key, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"Messages.resx has no text '{key}'");
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>
    /// One text as Spectre markup: its own words escaped, so a bracket in a translation is printed as it is;
    /// the arguments go in as they are, so the caller escapes values and may add markup (<c>[bold]…[/]</c>).
    /// </summary>
    public static string Markup(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Spectre.Console.Markup.Escape(Get(key)), args);

    /// <summary>Table headings as Spectre markup: each key's text, escaped.</summary>
    public static string[] Headings(params string[] keys) => [.. keys.Select(key => Spectre.Console.Markup.Escape(Get(key)))];
}
