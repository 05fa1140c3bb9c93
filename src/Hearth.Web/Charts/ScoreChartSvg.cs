using System.Globalization;
using System.Net;
using System.Text;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;
using Hearth.Statistics.Change;

namespace Hearth.Web.Charts;

/// <summary>
/// A person's score over time as SVG a person can read a value from: the score's own scale on the value
/// axis with its ticks, dates along the time axis (spaced by date, not by answer), the bands shaded and
/// named, and a reliable change marked. Every text is encoded; a title describes it for screen readers.
/// In a right-to-left language the chart is mirrored as its readers read time: the value axis on the right,
/// the newest answer on the left, every label anchored from its own side (the text itself is not mirrored).
/// The drawing itself is always laid out left to right (<c>direction="ltr"</c>), so that "start" and "end"
/// mean the geometric sides the mirroring chose, not sides a right-to-left page would swap again.
/// </summary>
public static class ScoreChartSvg
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string T(string s) => WebUtility.HtmlEncode(s);

    public static string Draw(ScoreHistory history, ChartWords? words = null)
    {
        words ??= ChartWords.English;
        string Date(DateTimeOffset at, string format) => at.ToString(format, words.Dates);
        var points = history.Points;
        var range = ScoreRange.Of(history.Score, history.Instrument) ?? new ScoreRange(Math.Min(0, points.Min(p => p.Value)), points.Max(p => p.Value));
        var span = Math.Max(range.Max - range.Min, 1e-9);
        const double W = 520, H = 300, Left = 52, Right = 12, Top = 12, Bottom = 40;
        var mirror = new ChartMirror(W, words.RightToLeft);
        double M(double x) => mirror.X(x);
        string A(string anchor) => mirror.Anchor(anchor);
        var first = points[0].At;
        var last = points[^1];
        var days = Math.Max((last.At - first).TotalDays, 1);
        double X(DateTimeOffset at) => Left + (at - first).TotalDays / days * (W - Left - Right);
        double Y(double v) => H - Bottom - (v - range.Min) / span * (H - Top - Bottom);
        var id = $"chart-{history.Instrument.Id}-{history.Score.Id}";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg viewBox="0 0 {N(W)} {N(H)}" role="img" aria-labelledby="{id}" width="100%" class="score-chart" direction="ltr">""");
        var summary = string.Format(words.Dates, words.Summary, history.Score.Title, Date(first, "d MMM yyyy"), Date(last.At, "d MMM yyyy"), N(range.Min), N(range.Max), N(last.Value));
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}">{T(summary)}{(last.Band is null ? "" : ", " + T(last.Band))}</title>""");
        foreach (var band in history.Score.Bands)
        {
            var (low, high) = (Math.Max(band.Min, range.Min), Math.Min(band.Max, range.Max));
            if (high > low)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{N(words.RightToLeft ? Right : Left)}" y="{N(Y(high))}" width="{N(W - Left - Right)}" height="{N(Y(low) - Y(high))}" class="band-fill band-{band.Severity.ToString().ToLowerInvariant()}"/>""");
                // Named inside its band, at the far end, so the chart needs no gutter and stays tall on a phone.
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(M(W - Right - 4))}" y="{N(Y(high) + 13)}" text-anchor="{A("end")}" class="tick band-label">{T(band.Label)}</text>""");
            }
        }
        foreach (var tick in ChartScale.Ticks(range))
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(M(Left - 4))}" y1="{N(Y(tick))}" x2="{N(M(W - Right))}" y2="{N(Y(tick))}" class="grid"/><text x="{N(M(Left - 8))}" y="{N(Y(tick) + 4)}" text-anchor="{A("end")}" class="tick">{N(tick)}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(M(Left))}" y1="{N(Top)}" x2="{N(M(Left))}" y2="{N(H - Bottom)}" class="axis"/><line x1="{N(M(Left))}" y1="{N(H - Bottom)}" x2="{N(M(W - Right))}" y2="{N(H - Bottom)}" class="axis"/>""");
        for (var i = 0; i < 4; i++)
        {
            // The first and last dates align with the ends of the axis, so neither is cut off on a narrow screen.
            var at = first.AddDays(days * i / 3);
            var anchor = i switch { 0 => "start", 3 => "end", _ => "middle" };
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(M(X(at)))}" y="{N(H - Bottom + 18)}" text-anchor="{A(anchor)}" class="tick">{Date(at, "d MMM yy")}</text>""");
        }
        svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{string.Join(' ', points.Select(p => $"{N(M(X(p.At)))},{N(Y(p.Value))}"))}" fill="none" stroke="#2a6f97" stroke-width="2"/>""");
        foreach (var p in points)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(M(X(p.At)))}" cy="{N(Y(p.Value))}" r="3.5" fill="#2a6f97"><title>{Date(p.At, "d MMM yyyy")}: {N(p.Value)}</title></circle>""");
        }
        if (history.ReliableChange is ChangeDirection.Improved or ChangeDirection.Deteriorated)
        {
            var change = history.ReliableChange == ChangeDirection.Improved ? words.Improved : words.Worsened;
            svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(M(X(last.At)))}" cy="{N(Y(last.Value))}" r="8" fill="none" stroke="#b5651d" stroke-width="2"/><text x="{N(M(X(last.At) - 10))}" y="{N(Math.Max(Y(last.Value) - 12, Top + 10))}" text-anchor="{A("end")}" class="tick">{T(change)}</text>""");
        }
        var middle = (Top + H - Bottom) / 2;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(M(14))}" y="{N(middle)}" transform="rotate({(words.RightToLeft ? 90 : -90)} {N(M(14))} {N(middle)})" text-anchor="middle" class="tick">{T(history.Score.Title)}</text>""");
        return svg.Append("</svg>").ToString();
    }
}

/// <summary>The chart's words and dates in the reader's language, and whether it reads right to left.</summary>
/// <param name="Summary">The screen-reader summary: {0} score, {1} first date, {2} last date, {3} scale minimum, {4} maximum, {5} latest value.</param>
public sealed record ChartWords(string Summary, string Improved, string Worsened, CultureInfo Dates, bool RightToLeft)
{
    public static ChartWords English { get; } = new("{0} from {1} to {2}, on a scale from {3} to {4}; latest {5}", "reliable improvement", "reliable worsening",
        CultureInfo.InvariantCulture, false);
}
