using Markdig;

namespace Hearth.Web.Programs;

/// <summary>
/// Session text (Markdown) as HTML. Raw HTML in the Markdown is written out as text, never as markup:
/// an organisation's uploaded program cannot put script or styles into a participant's page.
/// </summary>
public static class ProgramText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseAutoLinks().Build();

    public static Microsoft.AspNetCore.Components.MarkupString ToHtml(string markdown) => new(Markdown.ToHtml(markdown, Pipeline));

    public static string Local(DateTimeOffset instant, string timeZone, string format = "ddd d MMM yyyy, HH:mm") =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(instant, zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture)
            : instant.ToString(format, System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    public static string Percent(double? rate) => rate is { } r ? $"{Math.Round(r * 100):0}%" : "–";
}

/// <summary>SVG &lt;text&gt; for server-drawn charts (Razor reserves the &lt;text&gt; tag); content is HTML-encoded.</summary>
public static class SvgText
{
    public static Microsoft.AspNetCore.Components.MarkupString At(int x, int y, string content) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y}\" class=\"tick\">{System.Net.WebUtility.HtmlEncode(content)}</text>"));
}
