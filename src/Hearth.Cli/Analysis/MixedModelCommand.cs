using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Content.Exports;
using Hearth.Statistics.Mixed;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary>
/// <c>hearth analyze … --model mixed [--random-slope]</c>: the linear mixed model (random intercept per
/// subject, or random intercept and slope on the wave; REML, type III F tests) on every subject with at
/// least one value, as JSON (the contract), CSV or a table.
/// </summary>
internal static class MixedModelCommand
{
    public static int Run(CliContext context, FileInfo input, AnalysisDesign design, string format, string ddfName, RandomEffects randomEffects, string? target, Hearth.Content.Csv.CsvDialect.Choice? dialect = null)
    {
        if (format == "html")
        {
            context.Err.WriteLine($"error: {CliText.Get("Mixed.NoHtml")}");
            return CliContext.Failure;
        }
        var read = LongFormatCsv.ReadFile(input.FullName, input.FullName, design, keepIncomplete: true, dialectChoice: dialect);
        if (read.Incomplete is not { } data)
        {
            return context.Fail(read.Problems);
        }
        var ddf = ddfName == "kenward-roger" ? DenominatorDf.KenwardRoger : DenominatorDf.Satterthwaite;
        MixedModelResult fit;
        try
        {
            fit = LinearMixedModel.Fit(data, ddf, randomEffects);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            context.Err.WriteLine($"error: {input.FullName}: {ex.Message}");
            return CliContext.Failure;
        }
        var report = MixedReport.Of(data, fit, ddf);
        if (format == "table" && target is null)
        {
            Table(context.Console(), report);
            return CliContext.Success;
        }
        using var outputFile = new OutputFile(target);
        if (format == "json")
        {
            report.Write(outputFile.Stream);
        }
        else
        {
            using var writer = new StreamWriter(outputFile.Stream, leaveOpen: true);
            if (format == "csv")
            {
                var csv = new CsvRowWriter(writer);
                csv.Header(["effect", "df_num", "df_den", "f", "p"]);
                foreach (var row in report.Anova)
                {
                    csv.Text(row.Effect).Number(row.DfNum).Number(row.DfDen).Number(row.F).Number(row.P).EndRow();
                }
            }
            else
            {
                Table(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }), report);
            }
        }
        outputFile.Commit(context.Out);
        return CliContext.Success;
    }

    private static void Table(IAnsiConsole console, MixedReport report)
    {
        var randomEffects = report.HasRandomSlope ? CliText.Get("Mixed.RandomSlope", string.Join(", ", report.Design.Within)) : CliText.Get("Mixed.RandomIntercept");
        console.MarkupLine($"[bold]{CliText.Markup("Mixed.Heading")}[/] " + CliText.Markup("Mixed.Details", Markup.Escape(randomEffects), report.Design.Subjects, report.Observations,
            Markup.Escape(string.Join(", ", report.Design.Between)), Markup.Escape(string.Join(", ", report.Design.Within))));
        if (report.Design.ExcludedSubjects.Count > 0)
        {
            console.MarkupLine($"[yellow]{CliText.Markup("Mixed.Excluded")}[/] {report.Design.ExcludedSubjects.Count}");
        }
        var table = new Table { Title = new TableTitle(CliText.Markup("Mixed.Title", report.Ddf == "satterthwaite" ? "Satterthwaite" : "Kenward–Roger")) }
            .AddColumns(CliText.Markup("Stats.Effect"), "df", "F", "p");
        foreach (var row in report.Anova)
        {
            table.AddRow(Markup.Escape(row.Effect), $"{ApaFormat.Df(row.DfNum)}, {ApaFormat.Df(row.DfDen)}", ApaFormat.Stat(row.F), Markup.Escape(ApaFormat.P(row.P)));
        }
        console.Write(table);
        var random = report.Random;
        var slope = random.SubjectSlopeVariance is { } slopeVariance
            ? CliText.Markup("Mixed.SlopeVariance", ApaFormat.Stat(slopeVariance), ApaFormat.Proportion(random.InterceptSlopeCorrelation ?? double.NaN))
            : "";
        console.MarkupLine(CliText.Markup("Mixed.Variance", ApaFormat.Stat(random.SubjectInterceptVariance), slope, ApaFormat.Stat(random.ResidualVariance), ApaFormat.Stat(report.RemlCriterion)));
    }
}
