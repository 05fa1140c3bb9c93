using Hearth.Content.Instruments;

namespace Hearth.Web.Charts;

/// <summary>Round ticks for a chart's value axis, shared by every chart Hearth draws.</summary>
public static class ChartScale
{
    /// <summary>Five or so round ticks across the scale (steps of 1, 2, 2.5 or 5 times a power of ten).</summary>
    public static IReadOnlyList<double> Ticks(ScoreRange range)
    {
        var span = range.Max - range.Min;
        if (span <= 0)
        {
            return [range.Min];
        }
        var raw = span / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var first = Math.Ceiling(range.Min / step) * step;
        return [.. Enumerable.Range(0, (int)Math.Floor((range.Max - first) / step + 1e-9) + 1).Select(i => first + i * step)];
    }
}
