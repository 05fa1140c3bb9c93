using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Evaluation;
using Hearth.Statistics.Evaluation;
using Spectre.Console;

namespace Hearth.Cli.Evaluation;

/// <summary>
/// <c>hearth did FILE.csv --unit COL --time COL --treated COL --dv COL [--format table|json]</c>: the effect of
/// an organisational change by difference-in-differences against comparison units (two-way fixed effects,
/// SE clustered by unit).
/// </summary>
public static class DidCommand
{
    public static Command Create(CliContext context)
    {
        var shared = new EvaluationCommand();
        var unit = new Option<string>("--unit") { Description = CliText.Get("Did.Unit"), Required = true };
        var time = new Option<string>("--time") { Description = CliText.Get("Did.Time"), Required = true };
        var treated = new Option<string>("--treated") { Description = CliText.Get("Did.Treated"), Required = true };
        var command = shared.Create("did", CliText.Get("Did.Description"),
            unit, time, treated);
        command.SetAction(parse => shared.Run(context, parse,
            (reader, name, dialect) =>
            {
                var read = PanelCsv.Read(reader, name, new PanelColumns(parse.GetValue(unit)!, parse.GetValue(time)!, parse.GetValue(treated)!, parse.GetValue(shared.Dv)!), dialect);
                return (read.Data, read.Problems);
            },
            DifferenceInDifferences.Fit,
            fit => DidReport.Of(fit).ToJson(),
            (_, fit) => new EvaluationCommand.TableView(
                $"[bold]{CliText.Markup("Did.Heading")}[/] " + CliText.Markup("Did.Details", Markup.Escape(parse.GetValue(unit)!), fit.Clusters, fit.Periods, fit.Rows),
                [(CliText.Get("Did.Effect"), fit.Effect)],
                PlainLanguage.DifferenceInDifferences(fit.Effect, shared.ScoreName(parse), parse.GetValue(shared.HigherIsBetter)))));
        return command;
    }
}
