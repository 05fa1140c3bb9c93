using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Hearth.Cli.Localization;

namespace Hearth.Cli;

/// <summary>
/// The native build's way of running a command that needs a JIT. The FHIR SDK maps its model with code it writes
/// at run time, which a program compiled ahead of time cannot do; so the native <c>hearth</c> runs those commands in
/// the managed build published beside it (<c>managed/hearth.dll</c>, on the installed .NET runtime), passing the
/// arguments, the console and the exit code straight through. Everything else runs natively.
/// </summary>
internal static class ManagedCompanion
{
    /// <summary>Whether <paramref name="parse"/> would run <paramref name="command"/> or one of its subcommands in a process without a JIT.</summary>
    public static bool IsNeededFor(ParseResult parse, Command command)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || parse.Errors.Count > 0 || parse.Action is null or HelpAction)
        {
            return false;
        }
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command == command)
            {
                return true;
            }
        }
        return false;
    }

    public static int Run(string[] args, TextWriter error)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "managed", "hearth.dll");
        if (!File.Exists(assembly))
        {
            error.WriteLine(CliText.Get("Managed.Missing", assembly));
            return CliContext.Failure;
        }
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            error.WriteLine(CliText.Get("Managed.NoRuntime", ex.Message));
            return CliContext.Failure;
        }
    }
}
