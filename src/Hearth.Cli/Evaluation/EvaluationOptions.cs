using System.CommandLine;
using Hearth.Content.Analysis;
using Hearth.Statistics.Evaluation;
using Spectre.Console;

namespace Hearth.Cli.Evaluation;

/// <summary>What <c>hearth did</c> and <c>hearth its</c> share: the input file, the score column and how to
/// name it, whether higher is better, the output format; and how a fit's refusal is reported.</summary>
internal sealed class EvaluationOptions
{
    public Argument<FileInfo> File { get; } = new("file") { Description = "CSV with a header" };
    public Option<string> Dv { get; } = new("--dv") { Description = "Column holding the score", Required = true };
    public Option<string> Format { get; } = FormatOption();
    public Option<string?> DvLabel { get; } = new("--dv-label") { Description = "How the sentence names the score (e.g. \"burnout\"); default: the column name" };
    public Option<bool> HigherIsBetter { get; } = new("--higher-is-better") { Description = "Higher scores are better (wellbeing); default: lower is better (burnout)" };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(Dv);
        command.Options.Add(Format);
        command.Options.Add(DvLabel);
        command.Options.Add(HigherIsBetter);
    }

    public string ScoreName(ParseResult parse) => parse.GetValue(DvLabel) ?? parse.GetValue(Dv)!;

    private static Option<string> FormatOption()
    {
        var format = new Option<string>("--format") { Description = "table (with a plain-language sentence) or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        return format;
    }

    /// <summary>The fit, or null after printing why the data cannot be fitted ("error: FILE: reason").</summary>
    public static T? Fit<T>(CliContext context, FileInfo input, Func<T> fit) where T : class
    {
        try
        {
            return fit();
        }
        catch (ArgumentException ex)
        {
            context.Err.WriteLine($"error: {input.FullName}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The table format: a heading (Spectre markup), one row per effect with its estimate, SE, df, t, p and
    /// 95% CI in APA style, then the plain-language sentence, written straight to the output so that it is
    /// not wrapped and can be pasted as it is.
    /// </summary>
    public static void WriteTable(CliContext context, string heading, IEnumerable<(string Name, EffectEstimate Effect)> rows, string sentence)
    {
        var console = context.Console();
        console.MarkupLine(heading);
        var table = new Table().AddColumns("", "Estimate", "SE", "df", "t", "p", "95% CI");
        foreach (var (name, e) in rows)
        {
            table.AddRow(name, ApaFormat.Stat(e.Estimate), ApaFormat.Stat(e.StandardError), ApaFormat.Df(e.Df), ApaFormat.Stat(e.T), Markup.Escape(ApaFormat.P(e.P)),
                Markup.Escape($"[{ApaFormat.Stat(e.CiLower)}, {ApaFormat.Stat(e.CiUpper)}]"));
        }
        console.Write(table);
        context.Out.WriteLine(sentence);
    }
}
