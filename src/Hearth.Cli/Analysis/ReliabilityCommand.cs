using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hearth.Content.Analysis;
using Hearth.Statistics.Reliability;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary><c>hearth reliability FILE.csv [--items COL…] [--exclude COL…] [--format table|json]</c>: Cronbach's α of a scale from item-level data.</summary>
public static class ReliabilityCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with one row per respondent and one column per item" };
        var items = new Option<string[]>("--items") { Description = "Item columns (default: every column not excluded)" };
        var exclude = new Option<string[]>("--exclude") { Description = "Columns that are not items, e.g. a respondent id" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("reliability", "Cronbach's α with its 95% CI (Feldt), corrected item-total correlations and α if an item is deleted.")
        {
            file, items, exclude, format,
        };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!context.InputExists(input))
            {
                return CliContext.Failure;
            }
            if (!context.TryCsvChoice(parse, out var dialect))
            {
                return CliContext.Failure;
            }
            using var reader = new StreamReader(input.FullName);
            var read = ItemTable.Read(reader, input.FullName, parse.GetValue(items), parse.GetValue(exclude) ?? [], dialect);
            if (read.Problems.Count > 0)
            {
                return context.Fail(read.Problems);
            }
            AlphaResult result;
            try
            {
                result = CronbachAlpha.Compute(read.Items, read.Data!);
            }
            catch (ArgumentException ex)
            {
                context.Err.WriteLine($"error: {input.FullName}: {ex.Message}");
                return CliContext.Failure;
            }

            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    n = result.N,
                    k = result.K,
                    excluded_rows = read.ExcludedRows,
                    alpha = result.Alpha,
                    alpha_ci_lower = result.CiLower,
                    alpha_ci_upper = result.CiUpper,
                    items = result.Items.Select(i => new { item = i.Item, item_total_correlation = Finite(i.ItemTotalCorrelation), alpha_if_deleted = Finite(i.AlphaIfDeleted) }),
                }, CliJson.Options));
                return CliContext.Success;
            }
            var console = context.Console();
            console.MarkupLine($"Cronbach's α = {ApaFormat.Proportion(result.Alpha)}, 95% CI [[{ApaFormat.Proportion(result.CiLower)}, {ApaFormat.Proportion(result.CiUpper)}]] (n = {result.N}, k = {result.K} items{(read.ExcludedRows > 0 ? $"; {read.ExcludedRows} rows with a missing item left out" : "")})");
            var table = new Table().AddColumns("Item", "Corrected item-total r", "α if deleted");
            foreach (var item in result.Items)
            {
                table.AddRow(Markup.Escape(item.Item), ApaFormat.Stat(item.ItemTotalCorrelation), ApaFormat.Proportion(item.AlphaIfDeleted));
            }
            console.Write(table);
            return CliContext.Success;
        });
        return command;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
