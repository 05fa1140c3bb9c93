using System.CommandLine;
using System.Text.Json;
using Hearth.Cli.Localization;
using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Cli.Fhir;

/// <summary><c>hearth fhir export | import | response</c>: FHIR R4 Questionnaire and QuestionnaireResponse.</summary>
public static class FhirCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("fhir", CliText.Get("Fhir.Description"));
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Response(context));
        return command;
    }

    private static Option<FileInfo?> OutputOption() => new("--output", "-o") { Description = CliText.Get("Option.Output") };

    private static Command Export(CliContext context)
    {
        var id = new Argument<string>("id") { Description = CliText.Get("Argument.InstrumentId") };
        var output = OutputOption();
        var command = new Command("export", CliText.Get("Fhir.Export.Description")) { id, output };
        command.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse);
            if (context.FindInstrument(catalog, parse.GetValue(id)!) is not { } instrument)
            {
                return CliContext.Failure;
            }
            if (!instrument.CanBeAdministered)
            {
                context.Err.WriteLine($"error: {CliText.Get("Fhir.Export.KeyOnly", instrument.Id)}");
                return CliContext.Failure;
            }
            return Write(context, parse.GetValue(output), FhirJson.Serialize(QuestionnaireExporter.Export(instrument)));
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = CliText.Get("Fhir.Import.File") };
        var scores = new Option<FileInfo?>("--scores") { Description = CliText.Get("Fhir.Import.Scores") };
        var output = OutputOption();
        var command = new Command("import", CliText.Get("Fhir.Import.Description")) { file, scores, output };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!context.InputExists(input))
            {
                return CliContext.Failure;
            }
            InstrumentScoringExtension? supplement = null;
            if (parse.GetValue(scores) is { } scoresFile)
            {
                try
                {
                    supplement = InstrumentJson.Deserialize<InstrumentScoringExtension>(File.ReadAllText(scoresFile.FullName));
                }
                catch (Exception ex) when (ex is JsonException or IOException)
                {
                    context.Err.WriteLine($"error: {scoresFile.FullName}: {(ex as JsonException)?.Path} {ex.Message}");
                    return CliContext.Failure;
                }
            }
            var result = QuestionnaireImporter.Import(File.ReadAllText(input.FullName), input.FullName, supplement);
            // What was off but could be read past: said on standard error, so the output stays the instrument alone.
            foreach (var warning in result.Warnings)
            {
                context.Err.WriteLine($"warning: {warning}");
            }
            if (!result.IsValid)
            {
                return context.Fail(result.Problems);
            }
            return Write(context, parse.GetValue(output), InstrumentJson.Serialize(result.Definition!));
        });
        return command;
    }

    private static Command Response(CliContext context)
    {
        var id = new Argument<string>("id") { Description = CliText.Get("Argument.InstrumentId") };
        var input = new Option<FileInfo>("--input", "-i") { Description = CliText.Get("Fhir.Response.Input"), Required = true };
        var output = OutputOption();
        var command = new Command("response", CliText.Get("Fhir.Response.Description")) { id, input, output };
        command.SetAction(parse =>
        {
            if (context.InstrumentAndInput(parse, id, input) is not var (instrument, inputFile))
            {
                return CliContext.Failure;
            }
            var read = ResponseCsv.ReadScored(new InstrumentScorer(instrument), inputFile.FullName);
            if (read.Problems.Count > 0)
            {
                return context.Fail(read.Problems);
            }
            var bundle = ResponseExporter.ExportBundle(read.Responses, TimeProvider.System.GetUtcNow());
            return Write(context, parse.GetValue(output), FhirJson.Serialize(bundle));
        });
        return command;
    }

    private static int Write(CliContext context, FileInfo? output, string text)
    {
        using var file = new OutputFile(output?.FullName);
        using (var writer = new StreamWriter(file.Stream, leaveOpen: true))
        {
            writer.Write(text);
            writer.Write('\n');
        }
        file.Commit(context.Out);
        return CliContext.Success;
    }
}
