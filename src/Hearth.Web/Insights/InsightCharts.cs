using System.Globalization;
using System.Text;
using Hearth.Content.Instruments;
using Hearth.Core.Insights;

namespace Hearth.Web.Insights;

/// <summary>
/// The dashboard's charts as SVG drawn on the server: no script, every text encoded, each with a title
/// for screen readers; the page gives the same numbers as tables. Charts use logical left and right only
/// through the viewBox, so they scale to the column they sit in.
/// </summary>
public static class InsightCharts
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Text(string s) => System.Net.WebUtility.HtmlEncode(s);

    // In a right-to-left page the charts are mirrored as their readers read (labels and the value axis on the
    // right, time running leftwards), and the drawing is laid out left to right, so that "start" and "end"
    // anchor its labels to the geometric sides the mirroring chose (the words still read right to left).
    private static string Ltr(InsightChartWords words) => words.RightToLeft ? " direction=\"ltr\"" : "";


    /// <summary>
    /// The scale a response's charts are drawn on: the score's own range, or for a score without one, from
    /// zero to the highest figure shown.
    /// </summary>
    public static ScoreRange RangeOf(InstrumentCatalog instruments, InsightResponse response)
    {
        var instrument = instruments.Find(response.Request.InstrumentId)!;
        return ScoreRange.Of(instrument.Scores.Single(s => s.Id == response.Request.ScoreId), instrument)
            ?? new ScoreRange(0, Math.Max(1, response.Groups.Prepend(response.Organisation).Max(g => g.CiUpper ?? g.Mean ?? 0)));
    }

    /// <summary>Each shown group's mean with its 95% CI against the scale, and the organisation's mean as a line.</summary>
    public static string GroupMeans(InsightResponse response, ScoreRange range, InsightChartWords? words = null)
    {
        words ??= InsightChartWords.English;
        var rows = response.Groups.Prepend(response.Organisation).ToList();
        const double Width = 680, Label = 230, RowHeight = 22, Top = 28, Right = 20;
        var height = Top + rows.Count * RowHeight + 24;
        var mirror = new Charts.ChartMirror(Width, words.RightToLeft);
        double M(double x) => mirror.X(x);
        string A(string anchor) => mirror.Anchor(anchor);
        double X(double v) => M(Label + (v - range.Min) / Math.Max(range.Max - range.Min, 1e-9) * (Width - Label - Right));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg viewBox="0 0 {N(Width)} {N(height)}" role="img" aria-labelledby="means-title" width="100%" class="insight-chart"{Ltr(words)}>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="means-title">{Text(string.Format(words.Dates, words.MeansTitle, response.ScoreTitle, N(range.Min), N(range.Max)))}</title>""");
        foreach (var tick in Charts.ChartScale.Ticks(range))
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(X(tick))}" y1="{N(Top - 6)}" x2="{N(X(tick))}" y2="{N(height - 24)}" stroke="#ddd"/><text x="{N(X(tick))}" y="{N(height - 8)}" text-anchor="middle" font-size="11">{N(tick)}</text>""");
        }
        if (response.Organisation.Mean is { } orgMean)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(X(orgMean))}" y1="{N(Top - 10)}" x2="{N(X(orgMean))}" y2="{N(height - 24)}" stroke="#b5651d" stroke-dasharray="4 3"/><text x="{N(X(orgMean))}" y="{N(Top - 14)}" text-anchor="middle" font-size="11">{Text(string.Format(words.Dates, words.Organisation, N(orgMean)))}</text>""");
        }
        if (response.Norm is { } norm)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(X(norm.Mean))}" y1="{N(Top - 10)}" x2="{N(X(norm.Mean))}" y2="{N(height - 24)}" stroke="#555" stroke-dasharray="1 3"/><text x="{N(X(norm.Mean))}" y="{N(height - 26)}" text-anchor="middle" font-size="11">{Text(string.Format(words.Dates, words.Norm, N(norm.Mean)))}</text>""");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var g = rows[i];
            var y = Top + i * RowHeight + RowHeight / 2;
            // Long names are shortened here; the table beside the chart gives them whole.
            var name = g.Name.Length > 30 ? g.Name[..29] + "…" : g.Name;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(M(Label - 8))}" y="{N(y + 4)}" text-anchor="{A("end")}" font-size="12"><title>{Text(g.Name)}</title>{Text(name)}</text>""");
            if (g.Mean is { } mean)
            {
                if (g.CiLower is { } lo && g.CiUpper is { } hi)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(X(Math.Max(lo, range.Min)))}" y1="{N(y)}" x2="{N(X(Math.Min(hi, range.Max)))}" y2="{N(y)}" stroke="#2a6f97" stroke-width="2"/>""");
                }
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(X(mean))}" cy="{N(y)}" r="4" fill="#2a6f97"/>""");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(M(Label + 4))}" y="{N(y + 4)}" text-anchor="{A("start")}" font-size="11" fill="#555">{Text(string.Format(words.Dates, words.Withheld, words.Reason(g.Reason ?? "")))}</text>""");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A group's monthly means with a shaded 95% CI; withheld months leave a gap.</summary>
    public static string Trend(GroupFigures group, string scoreTitle, ScoreRange range, string id, InsightChartWords? words = null)
    {
        words ??= InsightChartWords.English;
        var points = group.Trend;
        const double Width = 640, Height = 220, Left = 44, Bottom = 36, Top = 12, Right = 16;
        var mirror = new Charts.ChartMirror(Width, words.RightToLeft);
        double M(double x) => mirror.X(x);
        string A(string anchor) => mirror.Anchor(anchor);
        double X(int i) => M(Left + (points.Count <= 1 ? 0.5 : i / (double)(points.Count - 1)) * (Width - Left - Right));
        double Y(double v) => Height - Bottom - (v - range.Min) / Math.Max(range.Max - range.Min, 1e-9) * (Height - Bottom - Top);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg viewBox="0 0 {N(Width)} {N(Height)}" role="img" aria-labelledby="{id}-title" width="100%" class="insight-chart"{Ltr(words)}>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Text(string.Format(words.Dates, words.TrendTitle, group.Name, scoreTitle))}</title>""");
        foreach (var tick in Charts.ChartScale.Ticks(range))
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{N(M(Left))}" y1="{N(Y(tick))}" x2="{N(M(Width - Right))}" y2="{N(Y(tick))}" stroke="#ddd"/><text x="{N(M(Left - 6))}" y="{N(Y(tick) + 4)}" text-anchor="{A("end")}" font-size="11">{N(tick)}</text>""");
        }
        // Runs of consecutive shown months: each is a band and a line; a withheld month breaks the run.
        var run = new List<int>();
        void Flush()
        {
            if (run.Count == 0)
            {
                return;
            }
            var upper = run.Where(i => points[i].CiUpper is not null).Select(i => $"{N(X(i))},{N(Y(Math.Min(points[i].CiUpper!.Value, range.Max)))}");
            var lower = run.Where(i => points[i].CiLower is not null).Reverse().Select(i => $"{N(X(i))},{N(Y(Math.Max(points[i].CiLower!.Value, range.Min)))}");
            var band = string.Join(' ', upper.Concat(lower));
            if (band.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<polygon points="{band}" fill="#2a6f97" fill-opacity="0.15"/>""");
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{string.Join(' ', run.Select(i => $"{N(X(i))},{N(Y(points[i].Mean!.Value))}"))}" fill="none" stroke="#2a6f97" stroke-width="2"/>""");
            foreach (var i in run)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<circle cx="{N(X(i))}" cy="{N(Y(points[i].Mean!.Value))}" r="3" fill="#2a6f97"/>""");
            }
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Mean is null)
            {
                Flush();
                continue;
            }
            run.Add(i);
        }
        Flush();
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        for (var i = 0; i < points.Count; i += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{N(X(i))}" y="{N(Height - Bottom + 16)}" text-anchor="middle" font-size="11">{Text(points[i].Month.ToString("MMM yyyy", words.Dates))}</text>""");
        }
        return svg.Append("</svg>").ToString();
    }
}

/// <summary>The insight charts' words and months in the reader's language, and whether the page reads right to left.</summary>
/// <param name="MeansTitle">The group chart's title: {0} score, {1} scale minimum, {2} maximum.</param>
/// <param name="Organisation">The organisation's mean line: {0} the mean.</param>
/// <param name="Norm">The published norm's line: {0} its mean.</param>
/// <param name="Withheld">A withheld group's row: {0} the reason, as <paramref name="Reason"/> words it.</param>
/// <param name="TrendTitle">The trend chart's title: {0} group, {1} score.</param>
/// <param name="Reason">Core's reason for withholding a figure, in the reader's language.</param>
/// <param name="Dates">The reader's language for the month labels, in the Gregorian calendar the figures are grouped by.</param>
public sealed record InsightChartWords(string MeansTitle, string Organisation, string Norm, string Withheld, string TrendTitle,
    Func<string, string> Reason, CultureInfo Dates, bool RightToLeft)
{
    public static InsightChartWords English { get; } = new("Mean {0} by group with 95% confidence intervals, on its scale from {1} to {2}",
        "organisation {0}", "published norm {0}", "withheld: {0}", "{0}: mean {1} by month with 95% confidence band", reason => reason,
        CultureInfo.InvariantCulture, false);
}
