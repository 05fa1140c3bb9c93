using Hearth.Content.Analysis;
using Hearth.Content.Exports;
using Hearth.Statistics.Mixed;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary>
/// <c>hearth analyze … --model mixed</c>: the linear mixed model (random intercept per subject, REML,
/// type III F tests) on every subject with at least one value, as JSON (the contract), CSV or a table.
/// </summary>
internal static class MixedModelCommand
{
    public static int Run(CliContext context, FileInfo input, AnalysisDesign design, string format, string ddfName, string? target)
    {
        if (format == "html")
        {
            context.Err.WriteLine("error: --model mixed reports as json, csv or table (the HTML report is the ANOVA's)");
            return CliContext.Failure;
        }
        LongFormatCsv.Result read;
        using (var reader = new StreamReader(input.FullName, System.Text.Encoding.UTF8, true, 1 << 16))
        {
            read = LongFormatCsv.Read(reader, input.FullName, design, keepIncomplete: true);
        }
        if (read.Incomplete is not { } data)
        {
            return context.Fail(read.Problems);
        }
        var ddf = ddfName == "kenward-roger" ? DenominatorDf.KenwardRoger : DenominatorDf.Satterthwaite;
        MixedModelResult fit;
        try
        {
            fit = LinearMixedModel.Fit(data, ddf);
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
        console.MarkupLine($"[bold]Linear mixed model[/] (REML, random intercept per subject): {report.Design.Subjects} subjects, {report.Observations} values; between: {Markup.Escape(string.Join(", ", report.Design.Between))}; within: {Markup.Escape(string.Join(", ", report.Design.Within))}");
        if (report.Design.ExcludedSubjects.Count > 0)
        {
            console.MarkupLine($"[yellow]Excluded (no value at all):[/] {report.Design.ExcludedSubjects.Count}");
        }
        var table = new Table { Title = new TableTitle($"Type III F tests ({(report.Ddf == "satterthwaite" ? "Satterthwaite" : "Kenward–Roger")} df)") }
            .AddColumns("Effect", "df", "F", "p");
        foreach (var row in report.Anova)
        {
            table.AddRow(Markup.Escape(row.Effect), $"{ApaFormat.Df(row.DfNum)}, {ApaFormat.Df(row.DfDen)}", ApaFormat.Stat(row.F), Markup.Escape(ApaFormat.P(row.P)));
        }
        console.Write(table);
        console.MarkupLine($"Variance of subjects' intercepts {ApaFormat.Stat(report.Random.SubjectInterceptVariance)}, residual variance {ApaFormat.Stat(report.Random.ResidualVariance)}; REML criterion {ApaFormat.Stat(report.RemlCriterion)}");
    }
}
