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
        var shared = new EvaluationOptions();
        var time = new Option<string>("--time") { Description = "Column holding the period; levels sort naturally (2026-2 before 2026-10), numbers by value", Required = true };
        var start = new Option<string>("--start") { Description = "The time level at which the change starts (its first period)", Required = true };
        var command = new Command("its", "Interrupted time series: the change in level and in monthly trend at a change, by segmented regression with Newey–West SEs.")
        {
            time, start,
        };
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            var input = parse.GetValue(shared.File)!;
            if (!context.InputExists(input))
            {
                return CliContext.Failure;
            }
            TimeSeriesCsv.Result read;
            using (var reader = new StreamReader(input.FullName))
            {
                read = TimeSeriesCsv.Read(reader, input.FullName, parse.GetValue(time)!, parse.GetValue(shared.Dv)!, parse.GetValue(start)!);
            }
            if (read.Values is not { } series)
            {
                return context.Fail(read.Problems);
            }
            if (EvaluationOptions.Fit(context, input, () => InterruptedTimeSeries.Fit(series, read.Start)) is not { } fit)
            {
                return CliContext.Failure;
            }
            if (parse.GetValue(shared.Format) == "json")
            {
                context.Out.WriteLine(ItsReport.Of(fit).ToJson());
                return CliContext.Success;
            }
            var periods = read.Periods!;
            EvaluationOptions.WriteTable(context,
                $"[bold]Interrupted time series[/] (segmented regression; Newey–West SE, lag {InterruptedTimeSeries.Lag}): {fit.N} periods, {Markup.Escape(periods[0])} to {Markup.Escape(periods[^1])}; the change from {Markup.Escape(periods[read.Start])}",
                [("Trend before (per month)", fit.PreSlope), ("Change in level", fit.LevelChange), ("Change in trend (per month)", fit.SlopeChange)],
                PlainLanguage.InterruptedTimeSeries(fit, shared.ScoreName(parse), parse.GetValue(shared.HigherIsBetter)));
            return CliContext.Success;
        });
        return command;
    }
}
