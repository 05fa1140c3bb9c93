using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// Means ± 95% CI over the levels of the first within-subjects factor, one line per combination of
/// the between-subjects levels (and of any further within factors). Drawn with ScottPlot as SVG.
/// </summary>
public static class InteractionPlot
{
    /// <param name="dv">The y-axis label: the score and its scale.</param>
    public static string Svg(RepeatedMeasuresAnalysis analysis, string dv, int width = 720, int height = 420)
    {
        var data = analysis.Data;
        var x = data.Within[0];
        var plot = new ScottPlot.Plot();
        var lines = analysis.Descriptives
            .Select((cell, i) => (cell, i))
            .GroupBy(c => string.Join(", ", c.cell.Levels.Where((_, f) => f != data.Between.Count)))
            .ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var lineIndex = 0;
        foreach (var line in lines)
        {
            var cells = line.Select(c => c.cell).ToList();
            // Offset each line a little so error bars of different arms do not cover each other.
            var offset = (lineIndex - (lines.Count - 1) / 2.0) * 0.04;
            var xs = cells.Select(c => x.Levels.ToList().IndexOf(c.Levels[data.Between.Count]) + offset).ToArray();
            var means = cells.Select(c => c.Mean).ToArray();
            var errors = cells.Select(c => double.IsFinite(c.CiUpper) ? c.CiUpper - c.Mean : 0).ToArray();
            var color = palette.GetColor(lineIndex);
            var scatter = plot.Add.Scatter(xs, means, color);
            scatter.LegendText = line.Key.Length == 0 ? "all subjects" : line.Key;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
            var bars = plot.Add.ErrorBar(xs, means, errors);
            bars.Color = color;
            lineIndex++;
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, x.Levels.Count).Select(i => (double)i)], [.. x.Levels]);
        plot.Axes.Bottom.Label.Text = x.Name;
        plot.Axes.Left.Label.Text = $"{dv} (mean ± 95% CI)";
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return plot.GetSvgXml(width, height);
    }
}
