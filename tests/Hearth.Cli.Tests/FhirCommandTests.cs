using System.Text.Json;

namespace Hearth.Cli.Tests;

public class FhirCommandTests
{
    [Fact]
    public void Export_then_import_gives_back_the_instrument()
    {
        using var dir = new TempDir();
        var export = CliRun.Of("fhir", "export", "gad-7", "--output", dir.File("q.json"));
        Assert.Equal(0, export.ExitCode);
        Assert.Contains("\"resourceType\": \"Questionnaire\"", File.ReadAllText(dir.File("q.json")));

        var import = CliRun.Of("fhir", "import", dir.File("q.json"));
        Assert.Equal(0, import.ExitCode);

        var shown = CliRun.Of("instruments", "show", "gad-7", "--format", "json");
        Assert.Equal(Normalise(shown.Out), Normalise(import.Out));
    }

    [Fact]
    public void Import_of_a_questionnaire_without_scores_asks_for_them()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("q.json"), """
            {"resourceType": "Questionnaire", "status": "active", "item": [
              {"linkId": "1", "text": "How are you?", "type": "choice", "answerOption": [
                {"valueCoding": {"code": "0", "display": "Fine"}}, {"valueCoding": {"code": "1", "display": "Not fine"}}]}]}
            """);
        var run = CliRun.Of("fhir", "import", dir.File("q.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--scores", run.Err);
    }

    [Fact]
    public void Response_writes_a_bundle_of_scored_questionnaire_responses()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("in.csv"), "respondent,1,2,3,4,5,6,7\na,3,3,3,3,3,3,3\nb,0,0,0,0,0,0,0\n");
        var run = CliRun.Of("fhir", "response", "gad-7", "--input", dir.File("in.csv"));
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("Bundle", doc.RootElement.GetProperty("resourceType").GetString());
        var entries = doc.RootElement.GetProperty("entry");
        Assert.Equal(2, entries.GetArrayLength());
        Assert.Equal("QuestionnaireResponse", entries[0].GetProperty("resource").GetProperty("resourceType").GetString());
    }

    [Fact]
    public void A_key_only_instrument_is_not_exported_for_administration()
    {
        var run = CliRun.Of("fhir", "export", "mbi-hss");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("licensed copy", run.Err);
        Assert.Equal("", run.Out);
    }

    private static string Normalise(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove("$schema");
        return node.ToJsonString();
    }
}
