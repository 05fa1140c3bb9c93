using System.CommandLine;
using System.Text.Json;
using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hearth.Content.Scoring;

namespace Hearth.Cli.Fhir;

/// <summary><c>hearth fhir export | import | response</c>: FHIR R4 Questionnaire and QuestionnaireResponse.</summary>
public static class FhirCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("fhir", "Exchange instruments and responses as FHIR R4 resources.");
        command.Subcommands.Add(Export(context));
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Response(context));
        return command;
    }

    private static Option<FileInfo?> OutputOption() => new("--output", "-o") { Description = "Write here instead of standard output" };

    private static Command Export(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "Instrument id" };
        var output = OutputOption();
        var command = new Command("export", "Write an instrument as a FHIR R4 Questionnaire.") { id, output };
        command.SetAction(parse =>
        {
            var catalog = context.LoadCatalog(parse);
            if (context.FindInstrument(catalog, parse.GetValue(id)!) is not { } instrument)
            {
                return CliContext.Failure;
            }
            if (!instrument.CanBeAdministered)
            {
                context.Err.WriteLine($"error: '{instrument.Id}' is licensed and only its scoring key is loaded; load your organisation's licensed copy (--licensed) to export a Questionnaire that can be administered");
                return CliContext.Failure;
            }
            return Write(context, parse.GetValue(output), FhirJson.Serialize(QuestionnaireExporter.Export(instrument)));
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "A FHIR R4 Questionnaire (JSON)" };
        var scores = new Option<FileInfo?>("--scores") { Description = "Scores, licence and constructs for a Questionnaire that carries none (JSON)" };
        var output = OutputOption();
        var command = new Command("import", "Read a FHIR R4 Questionnaire into Hearth's instrument format, with the same validation.") { file, scores, output };
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
                    supplement = JsonSerializer.Deserialize<InstrumentScoringExtension>(File.ReadAllText(scoresFile.FullName), InstrumentJson.Options);
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
        var id = new Argument<string>("id") { Description = "Instrument id" };
        var input = new Option<FileInfo>("--input", "-i") { Description = "CSV as for 'hearth score'", Required = true };
        var output = OutputOption();
        var command = new Command("response", "Score a CSV of responses and write them as a Bundle of FHIR R4 QuestionnaireResponses.") { id, input, output };
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
