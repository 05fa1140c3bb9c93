using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Statistics.Anova;
using Hearth.Statistics.Mixed;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary>
/// <c>hearth analyze FILE.csv --subject COL --dv COL --within COL… [--between COL…] [--model anova|mixed] [--ddf satterthwaite|kenward-roger] [--random-slope] [--format table|json|csv|html] [--output FILE]</c>:
/// mixed-design repeated-measures ANOVA with sphericity tests, descriptives and Bonferroni pairwise comparisons;
/// or, with <c>--model mixed</c>, a linear mixed model that keeps subjects with missing waves.
/// </summary>
public static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("Analyze.File") };
        var subject = new Option<string>("--subject") { Description = CliText.Get("Option.Subject"), Required = true };
        var dv = new Option<string>("--dv") { Description = CliText.Get("Analyze.Dv"), Required = true };
        var within = new Option<string[]>("--within") { Description = CliText.Get("Analyze.Within"), Required = true, AllowMultipleArgumentsPerToken = false };
        var between = new Option<string[]>("--between") { Description = CliText.Get("Analyze.Between"), AllowMultipleArgumentsPerToken = false };
        var format = new Option<string>("--format") { Description = CliText.Get("Analyze.Format"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "html");
        var output = new Option<FileInfo?>("--output", "-o") { Description = CliText.Get("Option.Output") };
        var dvLabel = new Option<string?>("--dv-label") { Description = CliText.Get("Analyze.DvLabel") };
        var model = new Option<string>("--model") { Description = CliText.Get("Analyze.Model"), DefaultValueFactory = _ => "anova" };
        model.AcceptOnlyFromAmong("anova", "mixed");
        var ddf = new Option<string>("--ddf") { Description = CliText.Get("Analyze.Ddf"), DefaultValueFactory = _ => "satterthwaite" };
        ddf.AcceptOnlyFromAmong("satterthwaite", "kenward-roger");
        var randomSlope = new Option<bool>("--random-slope") { Description = CliText.Get("Analyze.RandomSlope") };
        var command = new Command("analyze", CliText.Get("Analyze.Description"))
        {
            file, subject, dv, within, between, format, output, model, ddf, randomSlope, dvLabel,
        };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!context.InputExists(input))
            {
                return CliContext.Failure;
            }
            var design = new AnalysisDesign(parse.GetValue(subject)!, parse.GetValue(dv)!, parse.GetValue(within) ?? [], parse.GetValue(between) ?? []);
            var target = parse.GetValue(output)?.FullName;
            if (!context.TryCsvChoice(parse, out var dialect))
            {
                return CliContext.Failure;
            }
            if (parse.GetValue(model) == "mixed")
            {
                var randomEffects = parse.GetValue(randomSlope) ? RandomEffects.InterceptAndSlope : RandomEffects.Intercept;
                return MixedModelCommand.Run(context, input, design, parse.GetValue(format)!, parse.GetValue(ddf)!, randomEffects, target, dialect);
            }
            foreach (var mixedOnly in new Option[] { ddf, randomSlope })
            {
                if (parse.GetResult(mixedOnly) is { Implicit: false })
                {
                    context.Err.WriteLine(CliText.Get("Analyze.MixedOnly", mixedOnly.Name));
                    return CliContext.Failure;
                }
            }
            var read = Read(context, input, design, showProgress: target is not null, dialect);
            if (read.Data is null)
            {
                return context.Fail(read.Problems);
            }

            var analysis = RepeatedMeasuresAnalysis.Run(read.Data);
            var chosen = parse.GetValue(format);
            if (chosen == "table" && target is null)
            {
                AnalysisTables.Write(context.Console(), analysis);
                return CliContext.Success;
            }
            using var outputFile = new OutputFile(target);
            if (chosen == "json")
            {
                AnalysisJson.Write(outputFile.Stream, analysis);
            }
            else
            {
                using var writer = new StreamWriter(outputFile.Stream, leaveOpen: true);
                switch (chosen)
                {
                    case "csv":
                        AnalysisCsv.Write(writer, analysis);
                        break;
                    case "html":
                        AnalysisHtml.Write(writer, analysis, $"Analysis of {design.Dv} in {input.Name}", parse.GetValue(dvLabel) ?? design.Dv);
                        break;
                    default:
                        AnalysisTables.Write(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors }), analysis);
                        break;
                }
            }
            outputFile.Commit(context.Out);
            return CliContext.Success;
        });
        return command;
    }

    private static LongFormatCsv.Result Read(CliContext context, FileInfo input, AnalysisDesign design, bool showProgress, Content.Csv.CsvDialect.Choice? dialect)
    {
        if (LongFormatCsv.TryReadWellFormed(input.FullName, input.FullName, design, dialectChoice: dialect) is { } read)
        {
            return read;
        }
        using var reader = new StreamReader(input.FullName, System.Text.Encoding.UTF8, true, 1 << 16);
        var console = context.Console();
        if (!showProgress || !console.Profile.Capabilities.Interactive || input.Length < 1 << 24)
        {
            return LongFormatCsv.Read(reader, input.FullName, design, dialectChoice: dialect);
        }
        LongFormatCsv.Result? result = null;
        console.Progress().Start(progress =>
        {
            var task = progress.AddTask(CliText.Markup("Analyze.Progress", Markup.Escape(input.Name)), maxValue: input.Length);
            result = LongFormatCsv.Read(reader, input.FullName, design, _ => task.Value = reader.BaseStream.Position, dialectChoice: dialect);
            task.Value = input.Length;
        });
        return result!;
    }
}
