using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Instruments;
using Spectre.Console;

namespace Hearth.Cli;

/// <summary>What every command shares: the output writers and where instruments come from.</summary>
public sealed class CliContext(TextWriter output, TextWriter error)
{
    public const int Success = 0;
    public const int Failure = 1;

    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;

    public Option<DirectoryInfo?> ContentOption { get; } = new("--content")
    {
        Description = CliText.Get("Option.Content"),
        Recursive = true,
    };

    public Option<DirectoryInfo?> LicensedOption { get; } = new("--licensed")
    {
        Description = CliText.Get("Option.Licensed"),
        Recursive = true,
    };

    public Option<DirectoryInfo?> ProgramsOption { get; } = new("--programs")
    {
        Description = CliText.Get("Option.Programs"),
        Recursive = true,
    };

    public Option<string?> DelimiterOption { get; } = new("--delimiter")
    {
        Description = CliText.Get("Option.Delimiter"),
        Recursive = true,
    };

    public Option<string?> DecimalOption { get; } = new("--decimal")
    {
        Description = CliText.Get("Option.Decimal"),
        Recursive = true,
    };

    /// <summary>
    /// The CSV dialect chosen on the command line, as every command that reads CSV takes it; false (and the
    /// problem written to stderr) when an option's value is not one it knows.
    /// </summary>
    public bool TryCsvChoice(ParseResult parse, out Content.Csv.CsvDialect.Choice? choice)
    {
        choice = CsvChoice(parse, out var problem);
        if (problem is not null)
        {
            Err.WriteLine($"error: {problem}");
            return false;
        }
        return true;
    }

    /// <summary>The CSV dialect chosen on the command line (null parts are detected), or a problem naming the option.</summary>
    private Content.Csv.CsvDialect.Choice? CsvChoice(ParseResult parse, out string? problem)
    {
        problem = null;
        char? delimiter = parse.GetValue(DelimiterOption) switch
        {
            null => null,
            "," => ',',
            ";" => ';',
            "tab" or "\t" or "\\t" => '\t',
            var other => Fail(CliText.Get("Error.Delimiter", other), out problem),
        };
        char? separator = parse.GetValue(DecimalOption) switch
        {
            null => null,
            "." => '.',
            "," => ',',
            var other => Fail(CliText.Get("Error.Decimal", other), out problem),
        };
        return delimiter is null && separator is null ? null : new Content.Csv.CsvDialect.Choice(delimiter, separator);

        static char? Fail(string message, out string? problem)
        {
            problem = message;
            return null;
        }
    }

    /// <summary>Where programs come from: --programs, HEARTH_PROGRAMS_DIR, or the shipped content.</summary>
    public string ProgramsDirectory(ParseResult parse) =>
        parse.GetValue(ProgramsOption)?.FullName
        ?? (Environment.GetEnvironmentVariable("HEARTH_PROGRAMS_DIR") is { Length: > 0 } configured ? configured : FindContent("programs"));

    /// <summary>Loads the catalog; problems with shipped or licensed files are warnings, the rest still loads.</summary>
    public InstrumentCatalog LoadCatalog(ParseResult parse)
    {
        var content = parse.GetValue(ContentOption)?.FullName
            ?? (Environment.GetEnvironmentVariable("HEARTH_CONTENT_DIR") is { Length: > 0 } configured ? configured : FindContent("instruments"));
        var licensed = parse.GetValue(LicensedOption)?.FullName ?? Environment.GetEnvironmentVariable("HEARTH_LICENSED_DIR");
        var catalog = InstrumentCatalog.Load(content, licensed);
        foreach (var problem in catalog.Problems)
        {
            Err.WriteLine($"warning: {CliText.Get("Warning.LeftOut", problem)}");
        }
        return catalog;
    }

    /// <summary>Finds an instrument or writes a message naming the known ones.</summary>
    public InstrumentDefinition? FindInstrument(InstrumentCatalog catalog, string id)
    {
        var found = catalog.Find(id);
        if (found is null)
        {
            Err.WriteLine($"error: {CliText.Get("Error.NoInstrument", id, string.Join(", ", catalog.Instruments.Select(i => i.Id)))}");
        }
        return found;
    }

    /// <summary>True when the input file exists; otherwise says so on standard error.</summary>
    public bool InputExists(FileInfo file)
    {
        if (file.Exists)
        {
            return true;
        }
        Err.WriteLine($"error: {CliText.Get("Error.InputMissing", file.FullName)}");
        return false;
    }

    /// <summary>Prints every problem, one per line, and returns the failure exit code.</summary>
    public int Fail(IEnumerable<ValidationProblem> problems)
    {
        foreach (var problem in problems)
        {
            Err.WriteLine($"error: {problem}");
        }
        return Failure;
    }

    /// <summary>The instrument and input file a scoring command names, or null after saying what is wrong.</summary>
    public (InstrumentDefinition Instrument, FileInfo Input)? InstrumentAndInput(ParseResult parse, Argument<string> id, Option<FileInfo> input)
    {
        if (FindInstrument(LoadCatalog(parse), parse.GetValue(id)!) is not { } instrument)
        {
            return null;
        }
        var file = parse.GetValue(input)!;
        return InputExists(file) ? (instrument, file) : null;
    }

    /// <summary>A Spectre console over <see cref="Out"/>; plain text when it is not a terminal.</summary>
    public IAnsiConsole Console()
    {
        var interactive = ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = 160;
        }
        return console;
    }

    /// <summary>content/&lt;kind&gt; beside the tool, or in the nearest enclosing checkout (during development).</summary>
    private static string FindContent(string kind)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "content", kind);
        if (Directory.Exists(shipped))
        {
            return shipped;
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content", kind);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return shipped;
    }
}
