using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Evaluation;
using Hearth.Statistics.Evaluation;
using Spectre.Console;

namespace Hearth.Cli.Evaluation;

/// <summary>
/// <c>hearth its FILE.csv --time COL --dv COL --start LEVEL [--format table|json]</c>: the change in level and
/// in trend of a monthly series at an organisational change (segmented regression, Newey–West SE).
/// </summary>
public static class ItsCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new EvaluationCommand();
        var time = new Option<string>("--time") { Description = CliText.Get("Its.Time"), Required = true };
        var start = new Option<string>("--start") { Description = CliText.Get("Its.Start"), Required = true };
        var command = shared.Create("its", CliText.Get("Its.Description"),
            time, start);
        command.SetAction(parse => shared.Run(context, parse,
            (reader, name, dialect) =>
            {
                var read = TimeSeriesCsv.Read(reader, name, parse.GetValue(time)!, parse.GetValue(shared.Dv)!, parse.GetValue(start)!, dialect);
                return (read.Values is null ? null : read, read.Problems);
            },
            series => InterruptedTimeSeries.Fit(series.Values!, series.Start),
            fit => ItsReport.Of(fit).ToJson(),
            (series, fit) => new EvaluationCommand.TableView(
                $"[bold]{CliText.Markup("Its.Heading")}[/] " + CliText.Markup("Its.Details", InterruptedTimeSeries.Lag, fit.N,
                    Markup.Escape(series.Periods![0]), Markup.Escape(series.Periods[^1]), Markup.Escape(series.Periods[series.Start])),
                [(CliText.Get("Its.PreSlope"), fit.PreSlope), (CliText.Get("Its.LevelChange"), fit.LevelChange), (CliText.Get("Its.SlopeChange"), fit.SlopeChange)],
                PlainLanguage.InterruptedTimeSeries(fit, shared.ScoreName(parse), parse.GetValue(shared.HigherIsBetter)))));
        return command;
    }
}
