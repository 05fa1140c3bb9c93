namespace Hearth.Web.Charts;

/// <summary>
/// A chart drawn left to right and, for a right-to-left reader, mirrored as they read time: positions flipped
/// across the chart's width, and a label's anchor swapped so it hangs from the side the mirroring chose (the
/// words themselves are not mirrored). Every chart Hearth draws mirrors through this one rule; the SVG itself
/// is laid out left to right (<c>direction="ltr"</c>) so that "start" and "end" mean the sides drawn.
/// </summary>
public readonly record struct ChartMirror(double Width, bool RightToLeft)
{
    /// <summary>Where a point drawn at <paramref name="x"/> goes.</summary>
    public double X(double x) => RightToLeft ? Width - x : x;

    /// <summary>Where a shape <paramref name="size"/> wide whose left edge is drawn at <paramref name="x"/> starts (a bar).</summary>
    public double X(double x, double size) => RightToLeft ? Width - x - size : x;

    /// <summary>A label's text-anchor once mirrored.</summary>
    public string Anchor(string anchor) => !RightToLeft ? anchor : anchor switch { "start" => "end", "end" => "start", _ => anchor };
}
