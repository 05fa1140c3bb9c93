using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Scoring;
using Spectre.Console;

namespace Hearth.Cli.Scoring;

/// <summary><c>hearth score ID --input responses.csv [--format csv|json] [--output FILE]</c>.</summary>
public static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = CliText.Get("Argument.InstrumentIdExample") };
        var input = new Option<FileInfo>("--input", "-i") { Description = CliText.Get("Score.Input"), Required = true };
        var format = new Option<string>("--format") { Description = CliText.Get("Score.Format"), DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<FileInfo?>("--output", "-o") { Description = CliText.Get("Option.Output") };
        var command = new Command("score", CliText.Get("Score.Description")) { id, input, format, output };
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
                    context.Err.WriteLine($"error: {CliText.Get("Score.MoreProblems", result.ProblemCount - result.Problems.Count)}");
                }
                context.Err.WriteLine(CliText.Get("Score.NothingWritten"));
                return CliContext.Failure;
            }
            file.Commit(context.Out);
            if (target is not null)
            {
                context.Err.WriteLine(CliText.Get("Score.Scored", result.Respondents, target));
            }
            return CliContext.Success;
        });
        return command;
    }

    private static BatchResult Run(CliContext context, InstrumentScorer scorer, FileInfo input, Stream output, ScoreOutputFormat format, bool showProgress, Content.Csv.CsvDialect.Choice? dialect)
    {
        if (BatchScorer.TryScorePlainFile(scorer, input.FullName, output, format, dialect) is { } scored)
        {
            return scored;
        }
        using var reader = new StreamReader(input.FullName, System.Text.Encoding.UTF8, true, 1 << 16);
        var console = context.Console();
        if (!showProgress || !console.Profile.Capabilities.Interactive)
        {
            return BatchScorer.Score(scorer, reader, input.FullName, output, format, dialect: dialect);
        }
        BatchResult? result = null;
        console.Progress().Start(progress =>
        {
            var task = progress.AddTask(CliText.Markup("Score.Progress", Markup.Escape(input.Name)), maxValue: input.Length);
            result = BatchScorer.Score(scorer, reader, input.FullName, output, format, _ => task.Value = reader.BaseStream.Position, dialect);
            task.Value = input.Length;
        });
        return result!;
    }
}
