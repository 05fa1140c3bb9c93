using System.CommandLine;
using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Content.Instruments;
using Hearth.Statistics.Evaluation;
using Spectre.Console;

namespace Hearth.Cli.Evaluation;

/// <summary>
/// What <c>hearth did</c> and <c>hearth its</c> share: the input file, the score column and how to name it,
/// whether higher is better and the output format; and the flow — the file must exist, its problems are
/// reported with their line and column, a fit the data cannot support is refused with the reason, then the
/// JSON contract or a table with the plain-language sentence. Any failure exits 1 with nothing on standard output.
/// </summary>
internal sealed class EvaluationCommand
{
    public Argument<FileInfo> File { get; } = new("file") { Description = CliText.Get("Evaluation.File") };
    public Option<string> Dv { get; } = new("--dv") { Description = CliText.Get("Option.DvScore"), Required = true };
    public Option<string> Format { get; } = FormatOption();
    public Option<string?> DvLabel { get; } = new("--dv-label") { Description = CliText.Get("Evaluation.DvLabel") };
    public Option<bool> HigherIsBetter { get; } = new("--higher-is-better") { Description = CliText.Get("Evaluation.HigherIsBetter") };

    /// <summary>The table format: a heading (Spectre markup), one row per effect, and the sentence.</summary>
    public sealed record TableView(string Heading, IReadOnlyList<(string Name, EffectEstimate Effect)> Rows, string Sentence);

    public Command Create(string name, string description, params Option[] options)
    {
        var command = new Command(name, description) { File, Dv };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.Options.Add(Format);
        command.Options.Add(DvLabel);
        command.Options.Add(HigherIsBetter);
        return command;
    }

    public string ScoreName(ParseResult parse) => parse.GetValue(DvLabel) ?? parse.GetValue(Dv)!;

    public int Run<TData, TFit>(CliContext context, ParseResult parse,
        Func<TextReader, string, Content.Csv.CsvDialect.Choice?, (TData? Data, IReadOnlyList<ValidationProblem> Problems)> read,
        Func<TData, TFit> fit, Func<TFit, string> json, Func<TData, TFit, TableView> table)
        where TData : class
    {
        var input = parse.GetValue(File)!;
        if (!context.InputExists(input))
        {
            return CliContext.Failure;
        }
        if (!context.TryCsvChoice(parse, out var dialect))
        {
            return CliContext.Failure;
        }
        (TData? Data, IReadOnlyList<ValidationProblem> Problems) file;
        using (var reader = new StreamReader(input.FullName, System.Text.Encoding.UTF8, true, 1 << 16))
        {
            file = read(reader, input.FullName, dialect);
        }
        if (file.Data is not { } data)
        {
            return context.Fail(file.Problems);
        }
        TFit result;
        try
        {
            result = fit(data);
        }
        catch (ArgumentException ex)
        {
            // The estimator's own refusal (too few clusters or periods, nothing to compare): about the file as a whole.
            context.Err.WriteLine($"error: {input.FullName}: {ex.Message}");
            return CliContext.Failure;
        }
        if (parse.GetValue(Format) == "json")
        {
            context.Out.WriteLine(json(result));
            return CliContext.Success;
        }
        Write(context, table(data, result));
        return CliContext.Success;
    }

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = CliText.Get("Evaluation.Format"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    /// <summary>Estimates, SE, df, t, p and the 95% CI in APA style; the sentence straight to the output, unwrapped, so it can be pasted as it is.</summary>
    private static void Write(CliContext context, TableView view)
    {
        var console = context.Console();
        console.MarkupLine(view.Heading);
        var table = new Table().AddColumns("", CliText.Markup("Stats.Estimate"), "SE", "df", "t", "p", CliText.Markup("Stats.Ci95"));
        foreach (var (name, e) in view.Rows)
        {
            table.AddRow(Markup.Escape(name), ApaFormat.Stat(e.Estimate), ApaFormat.Stat(e.StandardError), ApaFormat.Df(e.Df), ApaFormat.Stat(e.T), Markup.Escape(ApaFormat.P(e.P)),
                Markup.Escape($"[{ApaFormat.Stat(e.CiLower)}, {ApaFormat.Stat(e.CiUpper)}]"));
        }
        console.Write(table);
        context.Out.WriteLine(view.Sentence);
    }
}
