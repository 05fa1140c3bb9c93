using Hearth.Content.Instruments;

namespace Hearth.Content.Programs;

/// <summary>The programs available: every valid folder under a directory. Bad folders are reported and left out.</summary>
public sealed class ProgramCatalog
{
    private ProgramCatalog(IReadOnlyList<ProgramDefinition> programs, IReadOnlyList<ValidationProblem> problems)
    {
        Programs = programs;
        Problems = problems;
    }

    public IReadOnlyList<ProgramDefinition> Programs { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    public ProgramDefinition? Find(string id) => Programs.FirstOrDefault(p => p.Id == id);

    /// <summary>Programs from several directories; a program in a later one replaces one with the same id (an organisation's own version of a built-in program).</summary>
    public static ProgramCatalog Load(IEnumerable<string> directories, InstrumentCatalog? instruments = null)
    {
        var byId = new Dictionary<string, ProgramDefinition>(StringComparer.Ordinal);
        var problems = new List<ValidationProblem>();
        foreach (var directory in directories.Where(Directory.Exists))
        {
            var catalog = Load(directory, instruments);
            problems.AddRange(catalog.Problems);
            foreach (var program in catalog.Programs)
            {
                byId[program.Id] = program;
            }
        }
        return new ProgramCatalog([.. byId.Values.OrderBy(p => p.Title, StringComparer.Ordinal)], problems);
    }

    public static ProgramCatalog Load(string directory, InstrumentCatalog? instruments = null)
    {
        if (!Directory.Exists(directory))
        {
            return new ProgramCatalog([], [new ValidationProblem(directory, "", "the program directory does not exist")]);
        }
        var programs = new List<ProgramDefinition>();
        var problems = new List<ValidationProblem>();
        // Dot-folders are work in progress (an upload being staged), never programs.
        foreach (var folder in Directory.GetDirectories(directory).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal))
        {
            var result = ProgramLoader.LoadFolder(folder, instruments);
            problems.AddRange(result.Problems);
            if (result.Program is { } program)
            {
                programs.Add(program);
            }
        }
        return new ProgramCatalog(programs, problems);
    }
}
