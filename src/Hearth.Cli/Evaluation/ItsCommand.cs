using System.CommandLine;
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
        var time = new Option<string>("--time") { Description = "Column holding the period; levels sort naturally (2026-2 before 2026-10), numbers by value", Required = true };
        var start = new Option<string>("--start") { Description = "The time level at which the change starts (its first period)", Required = true };
        var command = shared.Create("its", "Interrupted time series: the change in level and in monthly trend at a change, by segmented regression with Newey–West SEs.",
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
                $"[bold]Interrupted time series[/] (segmented regression; Newey–West SE, lag {InterruptedTimeSeries.Lag}): {fit.N} periods, "
                + $"{Markup.Escape(series.Periods![0])} to {Markup.Escape(series.Periods[^1])}; the change from {Markup.Escape(series.Periods[series.Start])}",
                [("Trend before (per month)", fit.PreSlope), ("Change in level", fit.LevelChange), ("Change in trend (per month)", fit.SlopeChange)],
                PlainLanguage.InterruptedTimeSeries(fit, shared.ScoreName(parse), parse.GetValue(shared.HigherIsBetter)))));
        return command;
    }
}
