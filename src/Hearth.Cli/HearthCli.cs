using System.CommandLine;
using System.CommandLine.Help;
using Hearth.Cli.Fhir;
using Hearth.Cli.Instruments;
using Hearth.Cli.Localization;
using Hearth.Cli.Scoring;

namespace Hearth.Cli;

/// <summary>The <c>hearth</c> command line. Writers are passed in so tests run it in-process.</summary>
public static class HearthCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand(CliText.Get("Root.Description"));
        foreach (var option in root.Options)
        {
            // System.CommandLine's own two options, in the tool's language like the rest of the help.
            option.Description = option switch
            {
                HelpOption => CliText.Get("Option.Help"),
                VersionOption => CliText.Get("Option.Version"),
                _ => option.Description,
            };
        }
        root.Options.Add(context.ContentOption);
        root.Options.Add(context.LicensedOption);
        root.Options.Add(context.ProgramsOption);
        root.Options.Add(context.DelimiterOption);
        root.Options.Add(context.DecimalOption);
        root.Subcommands.Add(InstrumentsCommand.Create(context));
        root.Subcommands.Add(ScoreCommand.Create(context));
        var fhir = FhirCommand.Create(context);
        root.Subcommands.Add(fhir);
        root.Subcommands.Add(Programs.ProgramsCommand.Create(context));
        root.Subcommands.Add(Analysis.AnalyzeCommand.Create(context));
        root.Subcommands.Add(Analysis.ChangeCommand.Create(context));
        root.Subcommands.Add(Analysis.ReliabilityCommand.Create(context));
        root.Subcommands.Add(Evaluation.DidCommand.Create(context));
        root.Subcommands.Add(Evaluation.ItsCommand.Create(context));

        var parse = root.Parse(args);
        if (ManagedCompanion.IsNeededFor(parse, fhir))
        {
            return ManagedCompanion.Run(args, error);
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A missing folder, a full disk, a file without permission: say so plainly, no stack trace.
            error.WriteLine($"error: {ex.Message}");
            return CliContext.Failure;
        }
    }
}
