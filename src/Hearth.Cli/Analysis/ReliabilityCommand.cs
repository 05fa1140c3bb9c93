using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Statistics.Reliability;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary><c>hearth reliability FILE.csv [--items COL…] [--exclude COL…] [--format table|json]</c>: Cronbach's α of a scale from item-level data.</summary>
public static class ReliabilityCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("Reliability.File") };
        var items = new Option<string[]>("--items") { Description = CliText.Get("Reliability.Items") };
        var exclude = new Option<string[]>("--exclude") { Description = CliText.Get("Reliability.Exclude") };
        var format = new Option<string>("--format") { Description = CliText.Get("Option.TableOrJson"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("reliability", CliText.Get("Reliability.Description"))
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
                var report = new ReliabilityReport(result.N, result.K, read.ExcludedRows, result.Alpha, result.CiLower, result.CiUpper,
                    [.. result.Items.Select(i => new ItemReliability(i.Item, Finite(i.ItemTotalCorrelation), Finite(i.AlphaIfDeleted)))]);
                context.Out.WriteLine(JsonSerializer.Serialize(report, CliStatisticsJson.Default.ReliabilityReport));
                return CliContext.Success;
            }
            var console = context.Console();
            var excludedRows = read.ExcludedRows > 0 ? CliText.Markup("Reliability.ExcludedRows", read.ExcludedRows) : "";
            console.MarkupLine(CliText.Markup("Reliability.Summary", ApaFormat.Proportion(result.Alpha), ApaFormat.Proportion(result.CiLower), ApaFormat.Proportion(result.CiUpper), result.N, result.K, excludedRows));
            var table = new Table().AddColumns(CliText.Headings("Reliability.Item", "Reliability.ItemTotal", "Reliability.AlphaIfDeleted"));
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
