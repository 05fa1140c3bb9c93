using Hearth.Cli.Localization;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;
using Spectre.Console;

namespace Hearth.Cli.Instruments;

/// <summary>The human-readable page of <c>hearth instruments show</c>.</summary>
internal static class InstrumentDetails
{
    public static void Write(IAnsiConsole console, InstrumentDefinition d)
    {
        console.MarkupLine($"[bold]{Markup.Escape(d.Title)}[/] ({Markup.Escape(d.Id)} {Markup.Escape(d.Version)})");
        if (!d.Validated)
        {
            console.MarkupLine($"[bold]{Markup.Escape(NotValidated.Notice)}[/]");
        }
        if (d.Description is not null)
        {
            console.WriteLine(d.Description);
        }
        console.WriteLine();
        var facts = new Grid().AddColumn().AddColumn();
        facts.AddRow(CliText.Markup("Table.Constructs"), Markup.Escape(string.Join(", ", d.Constructs)));
        facts.AddRow(CliText.Markup("Details.RecallPeriod"), Markup.Escape(d.RecallPeriod ?? "—"));
        facts.AddRow(CliText.Markup("Details.Languages"), Markup.Escape(string.Join(", ", d.Languages)));
        facts.AddRow("LOINC", Markup.Escape(d.Loinc ?? "—"));
        facts.AddRow(CliText.Markup("Table.Licence"), Markup.Escape($"{LicenceNames.Of(d.Licence.Kind)}{(d.Licence.Holder is null ? "" : $", {d.Licence.Holder}")}"));
        facts.AddRow(CliText.Markup("Details.Terms"), Markup.Escape(d.Licence.Terms));
        facts.AddRow(CliText.Markup("Details.Citation"), Markup.Escape(d.Citation));
        facts.AddRow(CliText.Markup("Details.Validated"), CliText.Markup(d.Validated ? "Common.Yes" : "Details.NotValidated"));
        facts.AddRow(CliText.Markup("Details.Administrable"), CliText.Markup(d.CanBeAdministered ? "Common.Yes" : "Details.NotAdministrable"));
        console.Write(facts);
        console.WriteLine();

        if (d.Instructions is not null)
        {
            console.MarkupLine($"[italic]{Markup.Escape(d.Instructions)}[/]");
        }
        var items = new Table().AddColumns(CliText.Headings("Details.Item", "Details.Text", "Details.Scale", "Details.Reverse"));
        foreach (var item in d.Items)
        {
            items.AddRow(Markup.Escape(item.LinkId), Markup.Escape(item.Text ?? CliText.Get("Details.TextNotLoaded")), Markup.Escape(item.Scale), item.Reverse ? CliText.Markup("Common.Yes") : "");
        }
        console.Write(items);

        var scales = new Table().AddColumns(CliText.Headings("Details.Scale", "Details.Options"));
        foreach (var scale in d.ResponseScales)
        {
            scales.AddRow(Markup.Escape(scale.Id), Markup.Escape(string.Join("; ", scale.Options.Select(o => o.Value is { } v ? $"{NumberText.Format(v)} = {o.Label}" : o.Label))));
        }
        console.Write(scales);

        var scores = new Table().AddColumns(CliText.Headings("Details.Score", "Details.Method", "Table.Items", "Details.Needs", "Details.Range", "Details.Bands"));
        foreach (var score in d.Scores)
        {
            var range = ScoreRange.Of(score, d);
            var method = score.Method == ScoreMethod.Linear && score.Transform is { } t
                ? $"{t.Base.ToString().ToLowerInvariant()} × {NumberText.Format(t.Multiply)} + {NumberText.Format(t.Add)}"
                : score.Method.ToString().ToLowerInvariant();
            scores.AddRow(
                Markup.Escape($"{score.Id}: {score.Title}"),
                Markup.Escape(method),
                Markup.Escape(string.Join(",", score.Items)),
                CliText.Markup("Details.NeedsOf", MissingItemRules.MinAnswered(score), score.Items.Count),
                range is { } r ? $"{NumberText.Format(r.Min)}–{NumberText.Format(r.Max)}" : "",
                Markup.Escape(string.Join("; ", score.Bands.Select(b => $"{NumberText.Format(b.Min)}–{NumberText.Format(b.Max)} {b.Label}"))));
        }
        console.Write(scores);
        WriteNorms(console, d);

        foreach (var rule in d.SafetyRules)
        {
            console.MarkupLine(CliText.Markup("Details.SafetyRule", $"[bold]{Markup.Escape(rule.Id)}[/]", Markup.Escape(rule.Item), Markup.Escape(rule.Operator.ToString()), Markup.Escape(NumberText.Format(rule.Value))));
        }
    }

    /// <summary>One line per score with a published norm: the figures first, then whom they describe and where they are published.</summary>
    private static void WriteNorms(IAnsiConsole console, InstrumentDefinition d)
    {
        foreach (var score in d.Scores)
        {
            if (score.Norm is { } norm)
            {
                console.WriteLine(CliText.Get("Details.Norm", score.Id, NumberText.Format(norm.Mean), NumberText.Format(norm.Sd), norm.Sample, norm.Source));
            }
        }
    }
}
