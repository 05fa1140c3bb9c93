using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hearth.Cli.Localization;
using Hearth.Content.Analysis;
using Hearth.Statistics.Change;
using Spectre.Console;

namespace Hearth.Cli.Analysis;

/// <summary>
/// <c>hearth change FILE.csv --subject COL --dv COL --wave COL --from LEVEL --to LEVEL --reliability R …</c>:
/// the reliable change index of every subject between two waves (Jacobson &amp; Truax 1991).
/// </summary>
public static class ChangeCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("Change.File") };
        var subject = new Option<string>("--subject") { Description = CliText.Get("Option.Subject"), Required = true };
        var dv = new Option<string>("--dv") { Description = CliText.Get("Option.DvScore"), Required = true };
        var wave = new Option<string>("--wave") { Description = CliText.Get("Change.Wave"), Required = true };
        var from = new Option<string>("--from") { Description = CliText.Get("Change.From"), Required = true };
        var to = new Option<string>("--to") { Description = CliText.Get("Change.To"), Required = true };
        var reliability = new Option<double>("--reliability") { Description = CliText.Get("Change.Reliability"), Required = true };
        var sd = new Option<double?>("--sd") { Description = CliText.Get("Change.Sd") };
        var higherIsBetter = new Option<bool>("--higher-is-better") { Description = CliText.Get("Change.HigherIsBetter") };
        var clinicalMean = new Option<double?>("--clinical-mean") { Description = CliText.Get("Change.ClinicalMean") };
        var clinicalSd = new Option<double?>("--clinical-sd") { Description = CliText.Get("Change.ClinicalSd") };
        var functionalMean = new Option<double?>("--functional-mean") { Description = CliText.Get("Change.FunctionalMean") };
        var functionalSd = new Option<double?>("--functional-sd") { Description = CliText.Get("Change.FunctionalSd") };
        var format = new Option<string>("--format") { Description = CliText.Get("Change.Format"), DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var command = new Command("change", CliText.Get("Change.Description"))
        {
            file, subject, dv, wave, from, to, reliability, sd, higherIsBetter, clinicalMean, clinicalSd, functionalMean, functionalSd, format,
        };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!context.InputExists(input))
            {
                return CliContext.Failure;
            }
            var r = parse.GetValue(reliability);
            if (r is <= 0 or >= 1)
            {
                context.Err.WriteLine($"error: {CliText.Get("Change.ReliabilityRange", r)}");
                return CliContext.Failure;
            }
            var norms = new[] { parse.GetValue(clinicalMean), parse.GetValue(clinicalSd), parse.GetValue(functionalMean), parse.GetValue(functionalSd) };
            if (norms.Any(n => n is not null) && norms.Any(n => n is null))
            {
                context.Err.WriteLine($"error: {CliText.Get("Change.CriterionC")}");
                return CliContext.Failure;
            }
            var (fromLevel, toLevel) = (parse.GetValue(from)!, parse.GetValue(to)!);
            if (!context.TryCsvChoice(parse, out var dialect))
            {
                return CliContext.Failure;
            }
            using var reader = new StreamReader(input.FullName);
            var read = LongFormatCsv.Read(reader, input.FullName, new AnalysisDesign(parse.GetValue(subject)!, parse.GetValue(dv)!, [parse.GetValue(wave)!], []),
                onlyWithinLevels: new HashSet<string>(StringComparer.Ordinal) { fromLevel, toLevel }, dialectChoice: dialect);
            if (read.Data is not { } data)
            {
                return context.Fail(read.Problems);
            }
            var levels = data.Within[0].Levels.ToList();
            if (levels.Count != 2 || !levels.Contains(fromLevel) || !levels.Contains(toLevel))
            {
                context.Err.WriteLine($"error: {CliText.Get("Change.WavesMissing", input.FullName, fromLevel, toLevel, parse.GetValue(wave))}");
                return CliContext.Failure;
            }
            var (iFrom, iTo) = (levels.IndexOf(fromLevel), levels.IndexOf(toLevel));
            var baseline = Enumerable.Range(0, data.SubjectCount).Select(i => data.Row(i)[iFrom]).ToArray();
            var baselineSd = parse.GetValue(sd) ?? MathNet.Numerics.Statistics.Statistics.StandardDeviation(baseline);
            var sDiff = ReliableChange.StandardErrorOfDifference(baselineSd, r);
            Norms? n = norms[0] is null ? null : new Norms(norms[0]!.Value, norms[1]!.Value, norms[2]!.Value, norms[3]!.Value);
            var results = Enumerable.Range(0, data.SubjectCount)
                .Select(i => ReliableChange.Assess(data.Subjects[i], data.Row(i)[iFrom], data.Row(i)[iTo], sDiff, parse.GetValue(higherIsBetter), n))
                .ToList();

            var chosen = parse.GetValue(format);
            if (chosen == "json")
            {
                var report = new ChangeReport(baselineSd, r, sDiff, n is null ? null : ReliableChange.CriterionC(n), data.ExcludedSubjects,
                    [.. results.Select(x => new SubjectChange(x.Subject, x.Before, x.After, x.Rci, x.Change.ToString().ToLowerInvariant(), x.ClinicallySignificant))]);
                context.Out.WriteLine(JsonSerializer.Serialize(report, CliStatisticsJson.Default.ChangeReport));
                return CliContext.Success;
            }
            if (chosen == "csv")
            {
                var csv = new Hearth.Content.Exports.CsvRowWriter(context.Out);
                csv.Header(["subject", "before", "after", "rci", "change", "clinically_significant"]);
                foreach (var x in results)
                {
                    csv.Text(x.Subject).Number(x.Before).Number(x.After).Number(x.Rci).Text(x.Change.ToString().ToLowerInvariant()).Flag(x.ClinicallySignificant).EndRow();
                }
                return CliContext.Success;
            }
            var console = context.Console();
            console.MarkupLine(CliText.Markup("Change.Summary", ApaFormat.Stat(sDiff), ApaFormat.Stat(baselineSd), ApaFormat.Proportion(r)));
            foreach (var group in results.GroupBy(x => x.Change).OrderBy(g => g.Key))
            {
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(Direction(group.Key))}: {group.Count()} ({100.0 * group.Count() / results.Count:0}%)"));
            }
            var table = new Table().AddColumns(CliText.Markup("Change.Subject"), fromLevel, toLevel, "RCI", CliText.Markup("Change.Change"), CliText.Markup("Change.ClinicallySignificant"));
            foreach (var x in results)
            {
                table.AddRow(Markup.Escape(x.Subject), ApaFormat.Stat(x.Before), ApaFormat.Stat(x.After), ApaFormat.Stat(x.Rci), Markup.Escape(Direction(x.Change).ToLowerInvariant()),
                    x.ClinicallySignificant is { } c ? CliText.Markup(c ? "Common.Yes" : "Common.No") : "—");
            }
            console.Write(table);
            return CliContext.Success;
        });
        return command;
    }

    /// <summary>How the table names a direction of change ("Improved"); JSON and CSV keep the enum's own name.</summary>
    private static string Direction(ChangeDirection change) => change switch
    {
        ChangeDirection.Improved => CliText.Get("Change.Improved"),
        ChangeDirection.Deteriorated => CliText.Get("Change.Deteriorated"),
        _ => CliText.Get("Change.Unchanged"),
    };
}
