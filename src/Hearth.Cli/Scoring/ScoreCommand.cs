using System.CommandLine;
using Hearth.Content.Scoring;
using Spectre.Console;

namespace Hearth.Cli.Scoring;

/// <summary><c>hearth score ID --input responses.csv [--format csv|json] [--output FILE]</c>.</summary>
public static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Instrument id, e.g. phq-9" };
        var input = new Option<FileInfo>("--input", "-i") { Description = "CSV: a 'respondent' column and one column per item linkId", Required = true };
        var format = new Option<string>("--format") { Description = "json or csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write here instead of standard output" };
        var command = new Command("score", "Score a CSV of responses: each score's value and band, and any safety flags.") { id, input, format, output };
        command.SetAction(parse =>
        {
            if (context.InstrumentAndInput(parse, id, input) is not var (instrument, inputFile))
            {
                return CliContext.Failure;
            }

            if (!context.TryCsvChoice(parse, out var dialect))
            {
                return CliContext.Failure;
            }
            var scorer = new InstrumentScorer(instrument);
            var outputFormat = parse.GetValue(format) == "csv" ? ScoreOutputFormat.Csv : ScoreOutputFormat.Json;
            var target = parse.GetValue(output)?.FullName;
            using var file = new OutputFile(target);
            var result = Run(context, scorer, inputFile, file.Stream, outputFormat, showProgress: target is not null, dialect);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems)
                {
                    context.Err.WriteLine($"error: {problem}");
                }
                if (result.ProblemCount > result.Problems.Count)
                {
                    context.Err.WriteLine($"error: … and {result.ProblemCount - result.Problems.Count} more problems");
                }
                context.Err.WriteLine("nothing was written.");
                return CliContext.Failure;
            }
            file.Commit(context.Out);
            if (target is not null)
            {
                context.Err.WriteLine($"scored {result.Respondents} respondents → {target}");
            }
            return CliContext.Success;
        });
        return command;
    }

    private static BatchResult Run(CliContext context, InstrumentScorer scorer, FileInfo input, Stream output, ScoreOutputFormat format, bool showProgress, Content.Csv.CsvDialect.Choice? dialect)
    {
        using var reader = new StreamReader(input.FullName, System.Text.Encoding.UTF8, true, 1 << 16);
        var console = context.Console();
        if (!showProgress || !console.Profile.Capabilities.Interactive)
        {
            return BatchScorer.Score(scorer, reader, input.FullName, output, format, dialect: dialect);
        }
        BatchResult? result = null;
        console.Progress().Start(progress =>
        {
            var task = progress.AddTask($"scoring {Markup.Escape(input.Name)}", maxValue: input.Length);
            result = BatchScorer.Score(scorer, reader, input.FullName, output, format, _ => task.Value = reader.BaseStream.Position, dialect);
            task.Value = input.Length;
        });
        return result!;
    }
}
