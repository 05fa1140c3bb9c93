using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hearth.Content.Exports;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// <c>hearth analyze --format csv</c>: the tables one after another, each introduced by a comment
/// line (<c># anova</c>, <c># sphericity</c>, <c># descriptives</c>, <c># pairwise</c>) and its own
/// header. Columns and their names are the JSON's, read from the same generated metadata; numbers at
/// full precision, empty where not computable.
/// </summary>
public static class AnalysisCsv
{
    public static void Write(TextWriter output, RepeatedMeasuresAnalysis analysis)
    {
        var report = AnalysisReport.Of(analysis);
        var options = report.Options();
        Section(output, "anova", report.Anova, options);
        Section(output, "sphericity", report.Sphericity, options);
        Section(output, "descriptives", report.Descriptives, options);
        Section(output, "pairwise", report.Pairwise, options);
    }

    private static void Section<T>(TextWriter output, string name, IReadOnlyList<T> rows, JsonSerializerOptions options) where T : notnull
    {
        var columns = ((JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))).Properties.Where(p => p.Get is not null).ToList();
        output.Write($"# {name}\n");
        var csv = new CsvRowWriter(output);
        csv.Header(columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                csv.Value(column.Get!(row));
            }
            csv.EndRow();
        }
    }
}
