using System.IO.Compression;
using Hearth.Content.Instruments;

namespace Hearth.Content.Programs;

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
    private readonly TimeProvider _clock;

    public ProgramLibrary(string builtInDirectory, string organisationDirectory, InstrumentCatalog? instruments, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _builtIn = builtInDirectory;
        OrganisationDirectory = organisationDirectory;
        _instruments = instruments;
        _builtInCatalog = new(() => ProgramCatalog.Load(builtInDirectory, instruments));
        _current = Reload();
    }

    public string OrganisationDirectory { get; }

    /// <summary>The built-in program with this id, whether or not the organisation replaced it.</summary>
    public ProgramDefinition? BuiltIn(string id) => _builtInCatalog.Value.Find(id);

    private readonly Lazy<ProgramCatalog> _builtInCatalog;
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _keepStaging = [];

    private ProgramCatalog _current;
    private DateTime _loadedStamp;

    /// <summary>
    /// The catalog as it stands; replaced as a whole when a program is installed or removed, here or by
    /// another instance sharing the folder (seen from the folder's change time).
    /// </summary>
    public ProgramCatalog Current
    {
        get
        {
            // Another instance's change shows in the folder's change time; a periodic reload covers
            // changes too close together for the file system's clock to tell apart.
            if (IsStale())
            {
                lock (_gate)
                {
                    if (IsStale())
                    {
                        try
                        {
                            Reload();
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                        {
                            // A folder renamed under the scan: keep the catalog we have; the next request tries again.
                        }
                    }
                }
            }
            return _current;
        }
    }

    private bool IsStale() => Stamp() != _loadedStamp || _clock.GetUtcNow() - _loadedAt > TimeSpan.FromMinutes(5);

    private DateTimeOffset _loadedAt;

    private DateTime Stamp() => Directory.Exists(OrganisationDirectory) ? Directory.GetLastWriteTimeUtc(OrganisationDirectory) : DateTime.MinValue;

    /// <summary>Ids of the organisation's own programs.</summary>
    public IReadOnlyList<string> OrganisationPrograms =>
        Directory.Exists(OrganisationDirectory) ? [.. Directory.GetDirectories(OrganisationDirectory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)] : [];

    public ProgramCatalog Reload()
    {
        lock (_gate)
        {
            var stamp = Stamp();
            _current = ProgramCatalog.Load([_builtIn, OrganisationDirectory], _instruments);
            _loadedStamp = stamp; // only after a load that succeeded
            _loadedAt = _clock.GetUtcNow();
            return _current;
        }
    }

    /// <summary>Installs a program from a zip of its folder (program.yaml at the top or inside one folder).</summary>
    /// <param name="mayReplace">Asked before an existing program is replaced (running cohorts may forbid it): problems, or none.</param>
    /// <returns>The program, or every problem found (then nothing changed).</returns>
    public (ProgramDefinition? Program, IReadOnlyList<ValidationProblem> Problems) Install(Stream zip, string uploadName,
        Func<ProgramDefinition, ProgramDefinition, IReadOnlyList<ValidationProblem>>? mayReplace = null)
    {
        // Staged beside the destination (a dot-folder the catalog skips), so the final swap is a rename on one file system.
        var staging = Path.Combine(OrganisationDirectory, $".staging-{Guid.NewGuid():N}");
        var unpacked = Path.Combine(staging, "unpacked");
        try
        {
            Directory.CreateDirectory(unpacked);
            if (Unpack(zip, uploadName, unpacked) is { } problem)
            {
                return (null, [problem]);
            }
            // A translation's program.yaml sits under translations/<language>/; the program's own is the one that does not.
            var yaml = Directory.GetFiles(unpacked, "program.yaml", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(unpacked, f).Split(Path.DirectorySeparatorChar).Contains("translations")).ToArray();
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
            var named = Path.Combine(staging, "named", id);
            Directory.CreateDirectory(Path.GetDirectoryName(named)!);
            Directory.Move(root, named);
            var result = ProgramLoader.LoadFolder(named, _instruments);
            if (result.Program is null || result.Problems.Count > 0)
            {
                return (null, [.. result.Problems.Select(p => p with { File = Path.GetRelativePath(Path.GetDirectoryName(named)!, p.File) })]);
            }
            if (Current.Find(id) is { } existing && mayReplace?.Invoke(existing, result.Program) is { Count: > 0 } refused)
            {
                return (null, refused);
            }
            if (Swap(id, named, staging) is { } failure)
            {
                return (null, [new ValidationProblem(uploadName, "", failure)]);
            }
            try
            {
                Reload();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It is in place; the next request's reload picks it up.
                return (result.Program, []);
            }
            return (_current.Find(id) ?? result.Program, []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [new ValidationProblem(uploadName, "", $"the program could not be installed (nothing changed): {ex.Message}")]);
        }
        finally
        {
            try
            {
                if (Directory.Exists(staging) && !_keepStaging.Contains(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover dot-folder is skipped by the catalog; it does no harm.
            }
        }
    }

    /// <summary>
    /// Puts the checked folder in place of the current one. The previous version is only ever moved,
    /// never deleted before the new one is in place; if the swap fails it goes back, and if even that
    /// fails it is kept in a dot-folder for the operator rather than lost.
    /// </summary>
    /// <returns>Null when done; otherwise why not (and nothing changed).</returns>
    private string? Swap(string id, string named, string staging)
    {
        lock (_gate)
        {
            var target = Path.Combine(OrganisationDirectory, id);
            var old = Path.Combine(staging, "old");
            try
            {
                if (Directory.Exists(target))
                {
                    Directory.Move(target, old);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"the current version could not be moved aside: {ex.Message}";
            }
            try
            {
                Directory.Move(named, target);
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (Directory.Exists(old))
                {
                    try
                    {
                        Directory.Move(old, target);
                    }
                    catch (Exception) when (Directory.Exists(old))
                    {
                        var kept = Path.Combine(OrganisationDirectory, $".kept-{id}-{Guid.NewGuid():N}");
                        try
                        {
                            Directory.Move(old, kept);
                        }
                        catch (Exception) when (Directory.Exists(old))
                        {
                            _keepStaging.Add(staging); // nothing else worked: the staging folder keeps it, for the operator
                            return $"the new version could not be put in place; the previous one is in {old}: {ex.Message}";
                        }
                        return $"the new version could not be put in place and the previous one is kept in {kept} for the operator: {ex.Message}";
                    }
                }
                return $"the new version could not be put in place: {ex.Message}";
            }
        }
    }

    /// <summary>Removes an organisation program (a built-in one it replaced comes back).</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            if (!OrganisationPrograms.Contains(id))
            {
                return false;
            }
            // Renamed away first, so a failure halfway through a delete never leaves a half program behind.
            var doomed = Path.Combine(OrganisationDirectory, $".removed-{Guid.NewGuid():N}");
            Directory.Move(Path.Combine(OrganisationDirectory, id), doomed);
            Directory.Delete(doomed, recursive: true);
        }
        Reload();
        return true;
    }

    /// <summary>
    /// Whether running cohorts can move to <paramref name="next"/>: they keep their session numbers and
    /// ticked homework, so the sessions and each session's homework list must keep their lengths.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> KeepsShape(ProgramDefinition current, ProgramDefinition next)
    {
        var problems = new List<ValidationProblem>();
        if (current.Sessions.Count != next.Sessions.Count || current.Cadence.Ongoing != next.Cadence.Ongoing)
        {
            problems.Add(new ValidationProblem("program.yaml", "cadence", $"cohorts are running this program: keep its {current.Sessions.Count} sessions (this version has {next.Sessions.Count})"));
            return problems;
        }
        for (var i = 0; i < current.Sessions.Count; i++)
        {
            if (current.Sessions[i].Homework.Count != next.Sessions[i].Homework.Count)
            {
                problems.Add(new ValidationProblem(Path.GetFileName(next.Sessions[i].File), "homework",
                    $"cohorts are running this program: keep {current.Sessions[i].Homework.Count} homework assignments in session {i + 1} (this version has {next.Sessions[i].Homework.Count})"));
            }
        }
        return problems;
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

    /// <summary>The files of a program that can be edited in place, as paths relative to its folder.</summary>
    public static IReadOnlyList<string> EditableFiles(ProgramDefinition program) =>
        ["program.yaml", .. program.Sessions.Select(s => $"sessions/{Path.GetFileName(s.File)}"),
         .. program.Translations.Values.SelectMany(t => (IEnumerable<string>)[$"translations/{t.Language}/program.yaml",
             .. t.Sessions.Select(s => $"translations/{t.Language}/sessions/{Path.GetFileName(s.File)}")])];

    /// <summary>One of the program's editable files, or null when the path is not one of them.</summary>
    public static string? ReadFile(ProgramDefinition program, string relativePath) =>
        EditableFiles(program).Contains(relativePath) ? File.ReadAllText(Path.Combine(FolderOf(program), relativePath)) : null;

    /// <summary>
    /// Saves a new text for one file: the program folder with that file changed goes through the same
    /// path as an upload (checked whole, swapped in whole), so an edit can never leave a broken program.
    /// </summary>
    public (ProgramDefinition? Program, IReadOnlyList<ValidationProblem> Problems) Edit(ProgramDefinition program, string relativePath, string text,
        Func<ProgramDefinition, ProgramDefinition, IReadOnlyList<ValidationProblem>>? mayReplace = null)
    {
        if (!EditableFiles(program).Contains(relativePath))
        {
            return (null, [new ValidationProblem(relativePath, "", "not a file of this program")]);
        }
        if (relativePath == "program.yaml" && ReadIdOf(text) != program.Id)
        {
            return (null, [new ValidationProblem(relativePath, "id", $"an edit keeps the id '{program.Id}'; to make a new program, upload it")]);
        }
        var folder = FolderOf(program);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(folder, file).Replace('\\', '/');
                using var writer = new StreamWriter(archive.CreateEntry($"{program.Id}/{name}").Open());
                writer.Write(name == relativePath ? text : File.ReadAllText(file));
            }
        }
        zip.Position = 0;
        return Install(zip, relativePath, mayReplace);
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
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    entry.ExtractToFile(path);
                }
                catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
                {
                    return new ValidationProblem(uploadName, entry.FullName, $"this entry cannot be unpacked (a repeated name, or a file and a folder with one name?): {ex.Message}");
                }
            }
            return null;
        }
        catch (InvalidDataException ex)
        {
            return new ValidationProblem(uploadName, "", $"not a readable zip file: {ex.Message}");
        }
    }

    private static string? ReadId(string yamlFile) => ReadIdOf(File.ReadAllText(yamlFile));

    /// <summary>The top-level id of a program.yaml (read as YAML, so a nested or quoted "id:" is never taken for it), or null.</summary>
    private static string? ReadIdOf(string yaml)
    {
        try
        {
            return ProgramYaml.Read<ProgramYaml.IdOnly>(ProgramYaml.IdReader, yaml)?.Id;
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null; // the loader reports the file's own problem, with its line
        }
    }
}
