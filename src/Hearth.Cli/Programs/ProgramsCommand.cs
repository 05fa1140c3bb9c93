using System.CommandLine;
using System.Text.Json;
using Hearth.Cli.Localization;
using Hearth.Content.Programs;
using Spectre.Console;

namespace Hearth.Cli.Programs;

/// <summary><c>hearth programs list | validate</c>.</summary>
public static class ProgramsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("programs", CliText.Get("Programs.Description"));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Validate(context));
        return command;
    }

    private static string Sessions(ProgramDefinition p) =>
        p.Cadence.Ongoing ? CliText.Get("Programs.Ongoing", p.Sessions.Count) : p.Sessions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Command List(CliContext context)
    {
        var format = new Option<string>("--format") { Description = CliText.Get("Option.TableOrJson"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", CliText.Get("Programs.List.Description")) { format };
        command.SetAction(parse =>
        {
            var catalog = ProgramCatalog.Load(context.ProgramsDirectory(parse), context.LoadCatalog(parse));
            foreach (var problem in catalog.Problems)
            {
                context.Err.WriteLine($"warning: {CliText.Get("Warning.LeftOut", problem)}");
            }
            if (parse.GetValue(format) == "json")
            {
                var rows = catalog.Programs.Select(p => new ProgramSummary(p.Id, p.Title, p.LevelName, p.FormatName, p.Sessions.Count, p.Cadence.Ongoing)).ToList();
                context.Out.WriteLine(JsonSerializer.Serialize(rows, CliJson.Default.ListProgramSummary));
                return CliContext.Success;
            }
            var table = new Table().AddColumns(CliText.Headings("Table.Id", "Table.Title", "Programs.Level", "Programs.Format", "Programs.Sessions"));
            foreach (var p in catalog.Programs)
            {
                table.AddRow(Markup.Escape(p.Id), Markup.Escape(p.Title), Markup.Escape(p.LevelName), Markup.Escape(p.FormatName), Markup.Escape(Sessions(p)));
            }
            context.Console().Write(table);
            return CliContext.Success;
        });
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = CliText.Get("Programs.Validate.Path"), Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", CliText.Get("Programs.Validate.Description")) { paths };
        command.SetAction(parse =>
        {
            var instruments = context.LoadCatalog(parse);
            var bad = 0;
            foreach (var folder in parse.GetValue(paths)!.SelectMany(Expand))
            {
                var result = ProgramLoader.LoadFolder(folder, instruments);
                if (result.Program is { } program)
                {
                    context.Out.WriteLine($"ok: {folder}: {program.Id} ({program.Sessions.Count} sessions)");
                    continue;
                }
                bad++;
                foreach (var problem in result.Problems)
                {
                    context.Err.WriteLine($"error: {problem}");
                }
            }
            return bad == 0 ? CliContext.Success : CliContext.Failure;
        });
        return command;
    }

    // A program folder holds program.yaml; any other folder is taken as a folder of programs.
    private static IEnumerable<string> Expand(string path) =>
        File.Exists(Path.Combine(path, "program.yaml")) || !Directory.Exists(path)
            ? [path]
            : Directory.GetDirectories(path).Order(StringComparer.Ordinal);
}
