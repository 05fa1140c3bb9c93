using System.Text.Json;
using Hearth.Statistics.Anova;

namespace Hearth.Content.Analysis;

/// <summary>
/// The JSON of <c>hearth analyze --format json</c>, a contract other tools read:
/// <c>design</c>, <c>anova</c>, <c>sphericity</c>, <c>descriptives</c>, <c>pairwise</c>, with
/// snake_case keys, generated from <see cref="AnalysisReport"/>.
/// </summary>
public static class AnalysisJson
{
    public static void Write(Stream output, RepeatedMeasuresAnalysis analysis, bool indented = true)
    {
        var report = AnalysisReport.Of(analysis);
        JsonSerializer.Serialize(output, report, report.Options(indented).GetTypeInfo(typeof(AnalysisReport)));
    }
}
