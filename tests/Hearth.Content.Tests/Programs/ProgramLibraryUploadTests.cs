using System.IO.Compression;
using Hearth.Content.Programs;
using Hearth.Content.Tests.Instruments;
using Hearth.Tests;

namespace Hearth.Content.Tests.Programs;

public class ProgramLibraryUploadTests : IDisposable
{
    private readonly string _orgDirectory = Directory.CreateTempSubdirectory("hearth-org-programs-").FullName;

    private ProgramLibrary NewLibrary() => new(RepoRoot.Combine("content", "programs"), _orgDirectory, TestInstruments.Shipped.Value);

    private static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        buffer.Position = 0;
        return buffer;
    }

    private static (string, string)[] ShippedFiles(string id, Func<string, string, string>? change = null)
    {
        var folder = RepoRoot.Combine("content", "programs", id);
        return [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f =>
        {
            var name = Path.GetRelativePath(folder, f).Replace('\\', '/');
            var text = File.ReadAllText(f);
            return ($"upload/{name}", change is null ? text : change(name, text));
        })];
    }

    [Fact]
    public void The_programs_id_is_its_top_level_id_not_a_line_that_looks_like_one()
    {
        var library = NewLibrary();
        // The summary (a block of text before the id) holds a line "id: decoy"; only YAML knows it is text.
        var files = ShippedFiles("balint-group", (name, text) => name == "program.yaml"
            ? text.Replace("id: balint-group\n", "", StringComparison.Ordinal).Replace("summary: >-\n", "summary: >-\n  id: decoy\n", StringComparison.Ordinal) + "\nid: our-balint\n"
            : text);
        var (program, problems) = library.Install(Zip(files), "ours.zip");
        Assert.True(program is not null, string.Join("\n", problems));
        Assert.Equal("our-balint", program!.Id);
    }

    [Fact]
    public void A_program_with_a_built_in_id_replaces_it_until_removed()
    {
        var library = NewLibrary();
        var files = ShippedFiles("balint-group", (name, text) => name == "program.yaml" ? text.Replace("title: Balint Group", "title: Balint Group (our version)", StringComparison.Ordinal) : text);
        var (program, problems) = library.Install(Zip(files), "balint.zip");
        Assert.Empty(problems);
        Assert.Equal("Balint Group (our version)", program!.Title);
        Assert.Equal("Balint Group (our version)", library.Current.Find("balint-group")!.Title);
        Assert.Equal(6, library.Current.Programs.Count);
        Assert.True(library.Remove("balint-group"));
        Assert.Equal("Balint Group", library.Current.Find("balint-group")!.Title);
    }

    [Fact]
    public void A_bad_upload_changes_nothing_and_names_file_and_field()
    {
        var library = NewLibrary();
        var files = ShippedFiles("balint-group", (name, text) => name == "program.yaml" ? text.Replace("level: team", "level: ward", StringComparison.Ordinal) : text);
        var (program, problems) = library.Install(Zip(files), "balint.zip");
        Assert.Null(program);
        Assert.Contains(problems, p => p.File.EndsWith("program.yaml", StringComparison.Ordinal) && p.Location == "level");
        Assert.Empty(library.OrganisationPrograms);
        Assert.Equal("Balint Group", library.Current.Find("balint-group")!.Title);
    }

    [Fact]
    public void A_zip_that_escapes_its_folder_is_refused()
    {
        var library = NewLibrary();
        var (program, problems) = library.Install(Zip(("../../evil.txt", "x"), ("upload/program.yaml", "id: evil")), "evil.zip");
        Assert.Null(program);
        Assert.Contains("outside its own folder", Assert.Single(problems).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil.txt")));
    }

    [Fact]
    public void Not_a_zip_and_no_program_yaml_are_reported()
    {
        var library = NewLibrary();
        Assert.Contains("not a readable zip", library.Install(new MemoryStream("hello"u8.ToArray()), "x.zip").Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("exactly one program.yaml", library.Install(Zip(("readme.txt", "hi")), "y.zip").Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_with_program_yaml_at_its_top_installs()
    {
        var library = NewLibrary();
        var files = ShippedFiles("peer-support-circle", (name, text) => name == "program.yaml" ? text.Replace("id: peer-support-circle", "id: top-level", StringComparison.Ordinal) : text)
            .Select(f => (f.Item1["upload/".Length..], f.Item2)).ToArray();
        var (program, problems) = library.Install(Zip(files), "top.zip");
        Assert.Empty(problems);
        Assert.Equal("top-level", program!.Id);
        Assert.Equal(["top-level"], library.OrganisationPrograms);
    }

    [Fact]
    public void A_replacement_that_changes_the_shape_of_a_running_program_is_refused()
    {
        var library = NewLibrary();
        var files = ShippedFiles("balint-group").Where(f => !f.Item1.Contains("02-", StringComparison.Ordinal)).ToArray();
        var (program, problems) = library.Install(Zip(files), "short.zip", ProgramLibrary.KeepsShape);
        Assert.Null(program);
        Assert.Contains("keep its 2 sessions", Assert.Single(problems).Message, StringComparison.Ordinal);
        Assert.Empty(library.OrganisationPrograms);
    }

    [Fact]
    public void Repeated_names_in_a_zip_are_reported_not_thrown()
    {
        var library = NewLibrary();
        var (program, problems) = library.Install(Zip(("p/program.yaml", "id: p"), ("p/program.yaml", "id: p")), "twice.zip");
        Assert.Null(program);
        Assert.Equal("p/program.yaml", Assert.Single(problems).Location);
    }

    [Fact]
    public void Another_instance_sees_an_upload_without_a_restart()
    {
        var here = NewLibrary();
        var there = NewLibrary();
        Assert.Null(there.Current.Find("shared-upload"));
        var files = ShippedFiles("peer-support-circle", (name, text) => name == "program.yaml" ? text.Replace("id: peer-support-circle", "id: shared-upload", StringComparison.Ordinal) : text);
        Assert.Empty(here.Install(Zip(files), "shared.zip").Problems);
        Assert.NotNull(there.Current.Find("shared-upload"));
    }

    public void Dispose()
    {
        Directory.Delete(_orgDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
