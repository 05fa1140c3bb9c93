using System.IO.Compression;
using Hearth.Core.Instruments;

namespace Hearth.Core.Programs;

/// <summary>
/// The programs an installation offers: the built-in ones plus the organisation's own, kept as folders
/// under the data directory (the same format, validated by the same loader). An organisation's program
/// with a built-in id replaces the built-in one: that is how a built-in program is edited.
/// Installing is all-or-nothing: a folder is unpacked and validated aside and only then swapped in.
/// </summary>
public sealed class ProgramLibrary
{
    public const long MaxUploadBytes = 5 * 1024 * 1024;
    private readonly string _builtIn;
    private readonly InstrumentCatalog? _instruments;
    private readonly Lock _gate = new();

    public ProgramLibrary(string builtInDirectory, string organisationDirectory, InstrumentCatalog? instruments)
    {
        _builtIn = builtInDirectory;
        OrganisationDirectory = organisationDirectory;
        _instruments = instruments;
        Current = Reload();
    }

    public string OrganisationDirectory { get; }

    /// <summary>The catalog as it stands; replaced as a whole when a program is installed or removed.</summary>
    public ProgramCatalog Current { get; private set; }

    /// <summary>Ids of the organisation's own programs.</summary>
    public IReadOnlyList<string> OrganisationPrograms =>
        Directory.Exists(OrganisationDirectory) ? [.. Directory.GetDirectories(OrganisationDirectory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)] : [];

    public ProgramCatalog Reload()
    {
        lock (_gate)
        {
            Current = ProgramCatalog.Load([_builtIn, OrganisationDirectory], _instruments);
            return Current;
        }
    }

    /// <summary>Installs a program from a zip of its folder (program.yaml at the top or inside one folder).</summary>
    /// <returns>The program, or every problem found (then nothing changed).</returns>
    public (ProgramDefinition? Program, IReadOnlyList<ValidationProblem> Problems) Install(Stream zip, string uploadName)
    {
        var staging = Path.Combine(Path.GetTempPath(), $"hearth-program-{Guid.NewGuid():N}");
        try
        {
            if (Unpack(zip, uploadName, staging) is { } problem)
            {
                return (null, [problem]);
            }
            var yaml = Directory.GetFiles(staging, "program.yaml", SearchOption.AllDirectories);
            if (yaml.Length != 1)
            {
                return (null, [new ValidationProblem(uploadName, "", "the zip must hold exactly one program.yaml (with its sessions folder beside it)")]);
            }
            var root = Path.GetDirectoryName(yaml[0])!;
            var id = ReadId(yaml[0]);
            if (id is null || !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9]+(-[a-z0-9]+)*$"))
            {
                return (null, [new ValidationProblem(uploadName, "id", "program.yaml needs an id of lower-case letters, digits and hyphens")]);
            }
            // The loader insists the folder is named after the id; give it that name.
            var named = Path.Combine(staging, ".named", id);
            Directory.CreateDirectory(Path.GetDirectoryName(named)!);
            Directory.Move(root, named);
            var result = ProgramLoader.LoadFolder(named, _instruments);
            if (result.Program is null || result.Problems.Count > 0)
            {
                return (null, [.. result.Problems.Select(p => p with { File = Path.GetRelativePath(Path.GetDirectoryName(named)!, p.File) })]);
            }
            lock (_gate)
            {
                Directory.CreateDirectory(OrganisationDirectory);
                var target = Path.Combine(OrganisationDirectory, id);
                var old = Path.Combine(OrganisationDirectory, $".old-{id}-{Guid.NewGuid():N}");
                if (Directory.Exists(target))
                {
                    Directory.Move(target, old);
                }
                Directory.Move(named, target);
                if (Directory.Exists(old))
                {
                    Directory.Delete(old, recursive: true);
                }
                Current = ProgramCatalog.Load([_builtIn, OrganisationDirectory], _instruments);
            }
            return (Current.Find(id), []);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Removes an organisation program (a built-in one it replaced comes back).</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            var target = Path.Combine(OrganisationDirectory, id);
            if (!OrganisationPrograms.Contains(id))
            {
                return false;
            }
            Directory.Delete(target, recursive: true);
            Current = ProgramCatalog.Load([_builtIn, OrganisationDirectory], _instruments);
            return true;
        }
    }

    /// <summary>Writes a program folder as a zip, for editing and uploading again.</summary>
    public static void WriteZip(ProgramDefinition program, string programFolder, Stream output)
    {
        using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in Directory.GetFiles(programFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            archive.CreateEntryFromFile(file, $"{program.Id}/{Path.GetRelativePath(programFolder, file).Replace('\\', '/')}");
        }
    }

    /// <summary>The folder a program was loaded from.</summary>
    public static string FolderOf(ProgramDefinition program) =>
        Path.GetDirectoryName(Path.GetDirectoryName(program.Sessions[0].File)!)!;

    private static ValidationProblem? Unpack(Stream zip, string uploadName, string staging)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
            long total = 0;
            var root = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
            foreach (var entry in archive.Entries)
            {
                var path = Path.GetFullPath(Path.Combine(staging, entry.FullName));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                {
                    return new ValidationProblem(uploadName, entry.FullName, "the zip names a file outside its own folder");
                }
                total += entry.Length;
                if (total > MaxUploadBytes * 4 || archive.Entries.Count > 500)
                {
                    return new ValidationProblem(uploadName, "", "the zip is too large for a program (at most 500 files and 20 MB unpacked)");
                }
                if (entry.FullName.EndsWith('/'))
                {
                    Directory.CreateDirectory(path);
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path);
            }
            return null;
        }
        catch (InvalidDataException ex)
        {
            return new ValidationProblem(uploadName, "", $"not a readable zip file: {ex.Message}");
        }
    }

    private static string? ReadId(string yamlFile) =>
        File.ReadLines(yamlFile).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("id:", StringComparison.Ordinal))?[3..].Trim().Trim('"', '\'');
}
