using System.CommandLine;
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
        var unit = new Option<string>("--unit") { Description = "Column identifying the unit (team); the SE is clustered by it", Required = true };
        var time = new Option<string>("--time") { Description = "Column holding the period (month)", Required = true };
        var treated = new Option<string>("--treated") { Description = "Column that is 1 for a treated unit's rows from its change on, else 0", Required = true };
        var command = shared.Create("did", "Difference-in-differences: the change's effect on the treated units against comparison units, by two-way fixed effects with SEs clustered by unit.",
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
                $"[bold]Difference-in-differences[/] (two-way fixed effects; SE clustered by {Markup.Escape(parse.GetValue(unit)!)}, CR1): {fit.Clusters} units, {fit.Periods} periods, {fit.Rows} rows",
                [("Effect of the change", fit.Effect)],
                PlainLanguage.DifferenceInDifferences(fit.Effect, shared.ScoreName(parse), parse.GetValue(shared.HigherIsBetter)))));
        return command;
    }
}
