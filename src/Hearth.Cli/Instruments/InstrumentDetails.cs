using System.Globalization;
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
        facts.AddRow("constructs", Markup.Escape(string.Join(", ", d.Constructs)));
        facts.AddRow("recall period", Markup.Escape(d.RecallPeriod ?? "—"));
        facts.AddRow("languages", Markup.Escape(string.Join(", ", d.Languages)));
        facts.AddRow("LOINC", Markup.Escape(d.Loinc ?? "—"));
        facts.AddRow("licence", Markup.Escape($"{LicenceNames.Of(d.Licence.Kind)}{(d.Licence.Holder is null ? "" : $", {d.Licence.Holder}")}"));
        facts.AddRow("terms", Markup.Escape(d.Licence.Terms));
        facts.AddRow("citation", Markup.Escape(d.Citation));
        facts.AddRow("validated", d.Validated ? "yes" : "no: written by Hearth; no published reliability, validity or norms");
        facts.AddRow("administrable", d.CanBeAdministered ? "yes" : "no: key only; load your organisation's licensed copy (--licensed)");
        console.Write(facts);
        console.WriteLine();

        if (d.Instructions is not null)
        {
            console.MarkupLine($"[italic]{Markup.Escape(d.Instructions)}[/]");
        }
        var items = new Table().AddColumns("item", "text", "scale", "reverse");
        foreach (var item in d.Items)
        {
            items.AddRow(Markup.Escape(item.LinkId), Markup.Escape(item.Text ?? "(licensed text not loaded)"), Markup.Escape(item.Scale), item.Reverse ? "yes" : "");
        }
        console.Write(items);

        var scales = new Table().AddColumns("scale", "options");
        foreach (var scale in d.ResponseScales)
        {
            scales.AddRow(Markup.Escape(scale.Id), Markup.Escape(string.Join("; ", scale.Options.Select(o => o.Value is { } v ? $"{NumberText.Format(v)} = {o.Label}" : o.Label))));
        }
        console.Write(scales);

        var scores = new Table().AddColumns("score", "method", "items", "needs", "range", "bands");
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
                string.Create(CultureInfo.InvariantCulture, $"{MissingItemRules.MinAnswered(score)} of {score.Items.Count}"),
                range is { } r ? $"{NumberText.Format(r.Min)}–{NumberText.Format(r.Max)}" : "",
                Markup.Escape(string.Join("; ", score.Bands.Select(b => $"{NumberText.Format(b.Min)}–{NumberText.Format(b.Max)} {b.Label}"))));
        }
        console.Write(scores);
        WriteNorms(console, d);

        foreach (var rule in d.SafetyRules)
        {
            console.MarkupLine($"safety rule [bold]{Markup.Escape(rule.Id)}[/]: item {Markup.Escape(rule.Item)} {Markup.Escape(rule.Operator.ToString())} {NumberText.Format(rule.Value)} → crisis resources");
        }
    }

    /// <summary>One line per score with a published norm: the figures first, then whom they describe and where they are published.</summary>
    private static void WriteNorms(IAnsiConsole console, InstrumentDefinition d)
    {
        foreach (var score in d.Scores)
        {
            if (score.Norm is { } norm)
            {
                console.WriteLine($"norm {score.Id}: mean {NumberText.Format(norm.Mean)}, SD {NumberText.Format(norm.Sd)}; {norm.Sample}; {norm.Source}");
            }
        }
    }
}
