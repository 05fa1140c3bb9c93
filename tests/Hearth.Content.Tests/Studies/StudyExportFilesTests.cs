using System.IO.Compression;
using Hearth.Content.Studies;

namespace Hearth.Content.Tests.Studies;

public class StudyExportFilesTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_bundle_holds_tidy_data_a_codebook_a_script_and_a_readme()
    {
        StudyDataRow[] rows =
        [
            new("P-AAAAAAAA", "compassion", "enrolled", "pre", "who-5", "1.0", "total", 48, At),
            new("P-AAAAAAAA", "compassion", "enrolled", "post", "who-5", "1.0", "total", null, At.AddDays(90)),
            new("P-BBBBBBBB", "=HYPERLINK(\"x\")", "withdrawn", "pre", "who-5", "1.0", "total", -1.5, At),
        ];
        CodebookScore[] scores = [new("who-5", "1.0", "WHO-5 Well-Being Index", "total", "Wellbeing", "higher means better functioning", "low 0–28", "free to use")];
        using var stream = new MemoryStream();
        StudyExportFiles.WriteZip(stream, "A study", "who-5/total", rows, scores, id => id == "who-5" ? TestInstruments.ShippedOne("who-5") : null, At);
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        Assert.Equal(["data.csv", "codebook.csv", "analysis.R", "responses.fhir.json", "README.txt"], zip.Entries.Select(e => e.FullName));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var data = Read("data.csv").Split('\n');
        Assert.Equal("participant,arm,status,wave,instrument,instrument_version,score,value,answered_at", data[0]);
        Assert.Equal("P-AAAAAAAA,compassion,enrolled,pre,who-5,1.0,total,48,2026-05-04T10:00:00Z", data[1]);
        Assert.Equal("P-AAAAAAAA,compassion,enrolled,post,who-5,1.0,total,,2026-08-02T10:00:00Z", data[2]); // missing score: empty
        Assert.StartsWith("P-BBBBBBBB,\"'=HYPERLINK", data[3], StringComparison.Ordinal); // text guarded, the number -1.5 not
        Assert.Contains(",-1.5,", data[3], StringComparison.Ordinal);
        var codebook = Read("codebook.csv");
        Assert.Contains("who-5/total,\"Wellbeing (WHO-5 Well-Being Index, version 1.0; free to use)\"", codebook, StringComparison.Ordinal);
        var script = Read("analysis.R");
        Assert.Contains("d$instrument == \"who-5\" & d$score == \"total\"", script, StringComparison.Ordinal);
        Assert.Contains("lmer(value ~ arm * wave + (1 | participant)", script, StringComparison.Ordinal);
        Assert.Contains("2 participants, 3 rows", Read("README.txt"), StringComparison.Ordinal);
        // The FHIR bundle: one response per answered questionnaire, by study id, scores only.
        var (bundle, problems) = Hearth.Content.Fhir.FhirJson.Parse<Hl7.Fhir.Model.Bundle>(Read("responses.fhir.json"), "responses.fhir.json");
        Assert.Empty(problems);
        Assert.NotNull(bundle);
        Assert.Equal(3, bundle.Entry.Count);
        var responses = bundle.Entry.Select(e => Assert.IsType<Hl7.Fhir.Model.QuestionnaireResponse>(e.Resource)).ToList();
        Assert.Equal("P-AAAAAAAA", responses[0].Identifier?.Value);
        Assert.All(responses, r => Assert.All(r.Item, i => Assert.StartsWith(Hearth.Content.Fhir.FhirUris.ScoreItemPrefix, i.LinkId, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_stepped_wedge_export_gives_each_answer_its_team_and_period_and_a_script_with_period_and_team_effects()
    {
        StudyDataRow[] rows =
        [
            new("P-AAAAAAAA", "usual", "enrolled", "period 0", "who-5", "1.0", "total", 48, At, Team: "12", Period: 0),
            new("P-AAAAAAAA", "caseload cap", "enrolled", "period 1", "who-5", "1.0", "total", 60, At.AddDays(28), Team: "12", Period: 1),
        ];
        using var stream = new MemoryStream();
        StudyExportFiles.WriteZip(stream, "A wedge", "who-5/total", rows, [], _ => null, At);
        stream.Position = 0;
        using var zip = new ZipArchive(stream);
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        var data = Read("data.csv").Split('\n');
        Assert.Equal("participant,arm,status,wave,instrument,instrument_version,score,value,answered_at,team,period", data[0]);
        Assert.Equal("P-AAAAAAAA,caseload cap,enrolled,period 1,who-5,1.0,total,60,2026-06-01T10:00:00Z,12,1", data[2]);
        var codebook = Read("codebook.csv");
        Assert.Contains("the condition of the participant's team when they answered", codebook, StringComparison.Ordinal);
        Assert.Contains("period,", codebook, StringComparison.Ordinal);
        Assert.Contains("lmer(value ~ period + arm + (1 | team) + (1 | participant)", Read("analysis.R"), StringComparison.Ordinal);
    }
}
