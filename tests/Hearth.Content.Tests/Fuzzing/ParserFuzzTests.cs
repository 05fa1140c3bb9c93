using System.IO.Compression;
using System.Text;
using CsCheck;
using Hearth.Content.Analysis;
using Hearth.Content.Fhir;
using Hearth.Content.Instruments;
using Hearth.Content.Programs;
using Hearth.Content.Scoring;
using Hearth.Tests;

namespace Hearth.Content.Tests.Fuzzing;

/// <summary>
/// Every parser Hearth exposes to other people's files, fed generated input (CsCheck): CSV readers from
/// tokens that break careless readers, the JSON, YAML, zip and FHIR readers from real files damaged at
/// random. Each must succeed or name its problems with a location; see <see cref="Fuzz"/>.
/// </summary>
public class ParserFuzzTests
{
    /// <summary>Inputs per parser; the suite's note reports these figures.</summary>
    public const int CsvInputs = 5_000, FileInputs = 3_000, FolderInputs = 1_000;

    private static void Precise(IEnumerable<ValidationProblem> problems) =>
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message), $"a problem without a message at {p.Location}"));

    [Fact]
    public void The_response_csv_reader_scores_or_names_problems()
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        Fuzz.Csv("respondent,1,2,3,4,5,6,7,8,9").Sample(text => Fuzz.Check(text, input =>
        {
            var result = ResponseCsv.Read(scorer, new StringReader(input), "fuzz.csv", (_, _) => { });
            Precise(result.Problems);
            Assert.True(result.ProblemCount >= result.Problems.Count);
        }), iter: CsvInputs);
    }

    [Fact]
    public void The_long_format_reader_for_analyze_reads_or_names_problems()
    {
        var design = new AnalysisDesign("id", "score", ["wave"], ["arm"]);
        Fuzz.Csv("id,wave,arm,score").Sample(text => Fuzz.Check(text, input =>
        {
            var result = LongFormatCsv.Read(new StringReader(input), "fuzz.csv", design);
            Precise(result.Problems);
            Assert.True(result.Data is not null || result.Problems.Count > 0, "neither data nor a problem");
        }), iter: CsvInputs);
    }

    [Fact]
    public void The_item_table_reader_for_reliability_reads_or_names_problems()
    {
        Fuzz.Csv("respondent,a,b,c").Sample(text => Fuzz.Check(text, input =>
        {
            var result = ItemTable.Read(new StringReader(input), "fuzz.csv", null, []);
            Precise(result.Problems);
            Assert.True(result.Data is not null || result.Problems.Count > 0, "neither data nor a problem");
        }), iter: CsvInputs);
    }

    [Fact]
    public void The_instrument_loader_loads_or_names_problems()
    {
        var original = File.ReadAllText(Path.Combine(RepoPaths.Instruments, "phq-9.json"));
        Fuzz.Mutated(original).Sample(text => Fuzz.Check(text, input =>
        {
            var result = InstrumentLoader.LoadText(input, "fuzz.json");
            Precise(result.Problems);
            Assert.True(result.IsValid || result.Problems.Count > 0, "neither an instrument nor a problem");
        }), iter: FileInputs);
    }

    [Fact]
    public void The_fhir_questionnaire_importer_imports_or_names_problems()
    {
        var original = FhirJson.Serialize(QuestionnaireExporter.Export(TestInstruments.ShippedOne("gad-7")));
        Fuzz.Mutated(original).Sample(text => Fuzz.Check(text, input =>
        {
            var result = QuestionnaireImporter.Import(input, "fuzz.json");
            Precise(result.Problems);
            Assert.True(result.Definition is not null || result.Problems.Count > 0, "neither an instrument nor a problem");
        }), iter: FileInputs);
    }

    [Fact]
    public void The_program_loader_loads_or_names_problems()
    {
        var source = RepoRoot.Combine("content", "programs", "balint-group");
        var original = File.ReadAllText(Path.Combine(source, "program.yaml"));
        using var folder = new ScratchFolder();
        CopyFolder(source, folder.Path);
        Fuzz.Mutated(original).Sample(text => Fuzz.Check(text, input =>
        {
            File.WriteAllText(Path.Combine(folder.Path, "program.yaml"), input);
            var result = ProgramLoader.LoadFolder(folder.Path, TestInstruments.Shipped.Value);
            Precise(result.Problems);
            Assert.True(result.Program is not null || result.Problems.Count > 0, "neither a program nor a problem");
        }), iter: FolderInputs, threads: 1);
    }

    private static readonly string[] EntryNames =
    [
        "program.yaml", "balint/program.yaml", "sessions/01.md", "balint/sessions/01.md", "../escape.yaml", "/absolute.yaml",
        "a/b/c/d/e.md", "sessions/", "program.yaml", "C:\\windows.md", "sessions/..\\..\\x.md", "é😀.md", " ",
    ];

    [Fact]
    public void The_program_zip_upload_installs_or_names_problems_and_never_writes_outside_its_folder()
    {
        var yaml = File.ReadAllText(RepoRoot.Combine("content", "programs", "balint-group", "program.yaml"));
        using var organisation = new ScratchFolder();
        var library = new ProgramLibrary(RepoRoot.Combine("content", "programs"), organisation.Path, TestInstruments.Shipped.Value);
        var entries = Gen.Select(Gen.Int[0, EntryNames.Length - 1], Fuzz.Mutated(yaml), Gen.Bool).Array[0, 6];
        var zips = Gen.Select(entries, Gen.Int[0, 3], Fuzz.Mutated("PK")).Select((files, damage, noise) =>
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, content, asYaml) in files)
                {
                    using var writer = new StreamWriter(zip.CreateEntry(EntryNames[name]).Open());
                    writer.Write(asYaml ? content : noise);
                }
            }
            var bytes = buffer.ToArray();
            // Now and then the archive itself is damaged: cut short or with bytes overwritten.
            return damage switch
            {
                0 when bytes.Length > 10 => bytes[..(bytes.Length / 2)],
                1 when bytes.Length > 10 => [.. bytes.Select((b, i) => i % 37 == 5 ? (byte)(b ^ 0x5A) : b)],
                _ => bytes,
            };
        });
        zips.Sample(bytes => Fuzz.Check(Convert.ToBase64String(bytes), _ =>
        {
            var (program, problems) = library.Install(new MemoryStream(bytes), "fuzz.zip");
            Precise(problems);
            Assert.True(program is not null || problems.Count > 0, "neither a program nor a problem");
        }), iter: FolderInputs, threads: 1);
        // Nothing was written beside the organisation's folder, whatever the entry names said.
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Path.GetDirectoryName(organisation.Path)!, Path.GetFileName(organisation.Path) + "*"),
            p => p != organisation.Path);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(organisation.Path)!, "escape.yaml")));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hearth-fuzz-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
