using System.CommandLine;
using System.Text.Json;
using Hearth.Cli.Localization;
using Hearth.Content.Instruments;
using Spectre.Console;

namespace Hearth.Cli.Instruments;

/// <summary><c>hearth instruments list | show | validate</c>.</summary>
public static class InstrumentsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("instruments", CliText.Get("Instruments.Description"));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Validate(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var format = new Option<string>("--format") { Description = CliText.Get("Option.TableOrJson"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", CliText.Get("Instruments.List.Description")) { format };
        command.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse);
            var rows = catalog.Instruments.Select(i => new InstrumentSummary(
                i.Id, i.Title, i.Constructs, i.Items.Count, LicenceNames.Of(i.Licence.Kind), i.CanBeAdministered)).ToList();
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(JsonSerializer.Serialize(rows, CliJson.Default.ListInstrumentSummary));
                return CliContext.Success;
            }
            var table = new Table().AddColumns(CliText.Headings("Table.Id", "Table.Title", "Table.Constructs", "Table.Items", "Table.Licence"));
            foreach (var row in rows)
            {
                var licence = row.Administrable ? row.Licence : CliText.Get("Instruments.List.KeyOnly", row.Licence);
                table.AddRow(Markup.Escape(row.Id), Markup.Escape(row.Title), Markup.Escape(string.Join(", ", row.Constructs)),
                    row.Items.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(licence));
            }
            context.Console().Write(table);
            return CliContext.Success;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("id") { Description = CliText.Get("Argument.InstrumentIdExample") };
        var format = new Option<string>("--format") { Description = CliText.Get("Instruments.Show.Format"), DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("show", CliText.Get("Instruments.Show.Description")) { id, format };
        command.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse);
            if (context.FindInstrument(catalog, parse.GetValue(id)!) is not { } instrument)
            {
                return CliContext.Failure;
            }
            if (parse.GetValue(format) == "json")
            {
                context.Out.WriteLine(InstrumentJson.Serialize(instrument));
                return CliContext.Success;
            }
            InstrumentDetails.Write(context.Console(), instrument);
            return CliContext.Success;
        });
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = CliText.Get("Instruments.Validate.Path"), Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", CliText.Get("Instruments.Validate.Description")) { paths };
        command.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse);
            var bad = 0;
            foreach (var file in Expand(parse.GetValue(paths)!))
            {
                var result = InstrumentLoader.LoadFile(file);
                var problems = result.Problems.ToList();
                if (result.Definition is { } d)
                {
                    var isLicensedCopy = d.Licence.Kind == LicenceKind.LicenceRequired && d.CanBeAdministered
                        && catalog.Find(d.Id) is { } key && !key.CanBeAdministered;
                    if (isLicensedCopy)
                    {
                        problems.AddRange(LicensedCopy.Check(catalog.Find(d.Id)!, d, file));
                    }
                    else if (InstrumentCatalog.FileNameProblem(file, d) is { } misnamed)
                    {
                        problems.Add(misnamed); // the library would leave it out
                    }
                }
                if (problems.Count == 0)
                {
                    context.Out.WriteLine($"ok: {file}: {result.Definition!.Id} ({result.Definition.Items.Count} items, {result.Definition.Scores.Count} scores)");
                    continue;
                }
                bad++;
                foreach (var problem in problems)
                {
                    context.Err.WriteLine($"error: {problem}");
                }
            }
            return bad == 0 ? CliContext.Success : CliContext.Failure;
        });
        return command;
    }

    private static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json").Where(f => !f.EndsWith(".schema.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}
