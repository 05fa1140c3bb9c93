using Markdig;
using Markdig.Syntax;

namespace Hearth.Web.Programs;

/// <summary>
/// Session text (Markdown) as HTML. Raw HTML in the Markdown is written out as text, never as markup:
/// an organisation's uploaded program cannot put script or styles into a participant's page.
/// </summary>
public static class ProgramText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    /// <summary>
    /// Renders <paramref name="markdown"/> with its headings moved down to sit under the page's own
    /// (a session file's "# Title" becomes an h3 under the page's h2), and a leading level-1 heading
    /// dropped when the page already shows the title.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString ToHtml(string markdown, int headingLevel = 3, bool dropTitle = true)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        if (dropTitle && document.Count > 0 && document[0] is Markdig.Syntax.HeadingBlock { Level: 1 } title)
        {
            document.Remove(title);
        }
        var shift = headingLevel - Math.Max(1, document.Descendants<Markdig.Syntax.HeadingBlock>().Select(h => h.Level).DefaultIfEmpty(1).Min());
        foreach (var heading in document.Descendants<Markdig.Syntax.HeadingBlock>())
        {
            heading.Level = Math.Clamp(heading.Level + shift, 1, 6);
        }
        // Links may go to web pages, mail or within Hearth; any other scheme (javascript:, data:) is
        // dropped, as a second guard behind the Content Security Policy.
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (!SafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var link in document.Descendants<Markdig.Syntax.Inlines.AutolinkInline>())
        {
            if (!link.IsEmail && !SafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        return new(document.ToHtml(Pipeline));
    }

    private static bool SafeUrl(string? url) =>
        url is null || url.StartsWith('/') || url.StartsWith('#')
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto))
        || !url.Contains(':', StringComparison.Ordinal);

    /// <summary>
    /// A moment as a person reads it in <paramref name="timeZone"/>, with day and month names in the reader's
    /// language (see <see cref="DateCulture"/>); by default the day and the time ("Thu 3 Dec 2026, 09:30").
    /// </summary>
    public static string Local(DateTimeOffset instant, string timeZone, string? format = null)
    {
        // Persian separates the day from the time with its own comma.
        format ??= Localization.Readable.Language == Core.Organisations.Languages.Persian ? "ddd d MMM yyyy، HH:mm" : "ddd d MMM yyyy, HH:mm";
        return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(instant, zone).ToString(format, DateCulture)
            : instant.ToString(format, DateCulture) + " UTC";
    }

    /// <summary>
    /// The culture for dates a person reads on these pages: the invariant one for an English reader (so English
    /// pages read as they always have), the reader's own otherwise (a Persian reader's in the Solar Hijri calendar).
    /// Dates in attributes, input values and files stay invariant.
    /// </summary>
    public static System.Globalization.CultureInfo DateCulture =>
        string.Equals(Localization.Readable.Language, Core.Organisations.Languages.English, StringComparison.OrdinalIgnoreCase)
            ? System.Globalization.CultureInfo.InvariantCulture
            : System.Globalization.CultureInfo.CurrentUICulture;

    /// <summary>
    /// <c>lang</c> and <c>dir</c> for a program's words written in <paramref name="language"/>, or nothing
    /// when they are in the page's own language.
    /// </summary>
    public static Dictionary<string, object>? WrittenIn(string? language) =>
        language is null || string.Equals(language, Localization.Readable.Language, StringComparison.OrdinalIgnoreCase)
            ? null
            : new() { ["lang"] = language, ["dir"] = Localization.Readable.DirectionOf(language) };

    public static string Percent(double? rate) => rate is { } r ? $"{Math.Round(r * 100):0}%" : "–";
}

/// <summary>SVG &lt;text&gt; for server-drawn charts (Razor reserves the &lt;text&gt; tag); content is HTML-encoded.</summary>
public static class SvgText
{
    public static Microsoft.AspNetCore.Components.MarkupString At(int x, int y, string content) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y}\" class=\"tick\">{System.Net.WebUtility.HtmlEncode(content)}</text>"));

    /// <summary>
    /// A label of a small bar chart that may be mirrored for a right-to-left reader: <paramref name="x"/> is
    /// where the chart drawn left to right starts the label; mirrored, the label ends there.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString At(int x, int y, string content, Charts.ChartMirror mirror) =>
        mirror.RightToLeft
            ? new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{mirror.X(x)}\" y=\"{y}\" class=\"tick\" text-anchor=\"{mirror.Anchor("start")}\">{System.Net.WebUtility.HtmlEncode(content)}</text>"))
            : At(x, y, content);
}
