namespace Hearth.Content.Instruments;

/// <summary>
/// The instruments available to an organisation: the shipped library, with licensed copies laid
/// over their key-only definitions. Bad files are reported in <see cref="Problems"/> and left out;
/// loading never fails as a whole.
/// </summary>
public sealed class InstrumentCatalog
{
    // Replaced whole when a licensed copy is added, so readers never see a half-updated library.
    private volatile Dictionary<string, InstrumentDefinition> _byId;

    private InstrumentCatalog(Dictionary<string, InstrumentDefinition> byId, IReadOnlyList<ValidationProblem> problems)
    {
        _byId = byId;
        Problems = problems;
    }

    public IReadOnlyList<InstrumentDefinition> Instruments => [.. _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];

    public IReadOnlyList<ValidationProblem> Problems { get; }

    public InstrumentDefinition? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Lays an organisation's licensed copy over the key-only definition, after the same checks as at
    /// load. Returns the problems; on any, the library is unchanged.
    /// </summary>
    public IReadOnlyList<ValidationProblem> AddLicensedCopy(InstrumentDefinition copy, string file)
    {
        lock (this)
        {
            if (Find(copy.Id) is not { Licence.Kind: LicenceKind.LicenceRequired } key)
            {
                return [new ValidationProblem(file, "$.id", $"'{copy.Id}' is not a licensed instrument in the library; a licensed copy must match one")];
            }
            var problems = LicensedCopy.Check(key, copy, file);
            if (problems.Count == 0)
            {
                _byId = new Dictionary<string, InstrumentDefinition>(_byId, StringComparer.Ordinal) { [copy.Id] = copy with { Translations = key.Translations } };
            }
            return problems;
        }
    }

    /// <summary>
    /// Adds (or replaces) a validated translation an organisation holds, after the same checks as the
    /// shipped ones. Returns the problems; on any, the library is unchanged.
    /// </summary>
    public IReadOnlyList<ValidationProblem> AddTranslation(InstrumentTranslation translation, string file)
    {
        lock (this)
        {
            if (Find(translation.Instrument) is not { } instrument)
            {
                return [new ValidationProblem(file, "$.instrument", $"there is no instrument '{translation.Instrument}' in the library")];
            }
            var problems = InstrumentTranslations.Check(instrument, translation, file);
            if (problems.Count == 0)
            {
                _byId = new Dictionary<string, InstrumentDefinition>(_byId, StringComparer.Ordinal) { [instrument.Id] = WithTranslation(instrument, translation) };
            }
            return problems;
        }
    }

    private static InstrumentDefinition WithTranslation(InstrumentDefinition instrument, InstrumentTranslation translation) =>
        instrument with
        {
            Translations = new Dictionary<string, InstrumentTranslation>(instrument.Translations, StringComparer.OrdinalIgnoreCase) { [translation.Language] = translation },
        };

    /// <summary>Reads the translations in <paramref name="directory"/>/translations onto the instruments they translate.</summary>
    private static void LoadTranslations(string directory, Dictionary<string, InstrumentDefinition> byId, List<ValidationProblem> problems)
    {
        var folder = Path.Combine(directory, InstrumentTranslations.Folder);
        if (!Directory.Exists(folder))
        {
            return;
        }
        foreach (var path in JsonFiles(folder))
        {
            string json;
            try
            {
                json = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ValidationProblem(path, "", $"cannot read the file: {ex.Message}"));
                continue;
            }
            var (translation, parseProblems) = InstrumentTranslations.Parse(json, path);
            problems.AddRange(parseProblems);
            if (translation is null)
            {
                continue;
            }
            if (!byId.TryGetValue(translation.Instrument, out var instrument))
            {
                problems.Add(new ValidationProblem(path, "$.instrument", $"there is no instrument '{translation.Instrument}' in the library"));
                continue;
            }
            var expectedName = $"{translation.Instrument}.{translation.Language}.json";
            if (Path.GetFileName(path) != expectedName)
            {
                problems.Add(new ValidationProblem(path, "$.language", $"the translation of '{translation.Instrument}' into '{translation.Language}' must be named '{expectedName}'"));
                continue;
            }
            var mismatch = InstrumentTranslations.Check(instrument, translation, path);
            problems.AddRange(mismatch);
            if (mismatch.Count == 0)
            {
                byId[instrument.Id] = WithTranslation(instrument, translation);
            }
        }
    }

    /// <param name="directory">Shipped definitions, one <c>&lt;id&gt;.json</c> per instrument.</param>
    /// <param name="licensedDirectory">Optional: an organisation's licensed copies (any file names).</param>
    public static InstrumentCatalog Load(string directory, string? licensedDirectory = null)
    {
        var problems = new List<ValidationProblem>();
        var byId = new Dictionary<string, InstrumentDefinition>(StringComparer.Ordinal);
        if (!Directory.Exists(directory))
        {
            problems.Add(new ValidationProblem(directory, "", "the instrument directory does not exist"));
            return new InstrumentCatalog(byId, problems);
        }

        foreach (var path in JsonFiles(directory))
        {
            var result = InstrumentLoader.LoadFile(path);
            problems.AddRange(result.Problems);
            if (result.Definition is not { } definition)
            {
                continue;
            }
            if (FileNameProblem(path, definition) is { } misnamed)
            {
                problems.Add(misnamed);
                continue;
            }
            byId[definition.Id] = definition;
        }

        LoadTranslations(directory, byId, problems);

        if (licensedDirectory is not null && !Directory.Exists(licensedDirectory))
        {
            problems.Add(new ValidationProblem(licensedDirectory, "", "the licensed instrument folder does not exist; licensed instruments stay key-only"));
        }
        else if (licensedDirectory is not null)
        {
            foreach (var path in JsonFiles(licensedDirectory))
            {
                var result = InstrumentLoader.LoadFile(path);
                problems.AddRange(result.Problems);
                if (result.Definition is not { } copy)
                {
                    continue;
                }
                if (!byId.TryGetValue(copy.Id, out var key) || key.Licence.Kind != LicenceKind.LicenceRequired)
                {
                    problems.Add(new ValidationProblem(path, "$.id", $"'{copy.Id}' is not a licensed instrument in the library; a licensed copy must match one"));
                    continue;
                }
                var mismatch = LicensedCopy.Check(key, copy, path);
                problems.AddRange(mismatch);
                if (mismatch.Count == 0)
                {
                    byId[copy.Id] = copy with { Translations = key.Translations };
                }
            }
            LoadTranslations(licensedDirectory, byId, problems);
        }
        return new InstrumentCatalog(byId, problems);
    }

    /// <summary>A library file is named after its instrument, so that ids stay unique and findable.</summary>
    public static ValidationProblem? FileNameProblem(string path, InstrumentDefinition definition)
    {
        var expectedName = definition.Id + ".json";
        return Path.GetFileName(path) == expectedName
            ? null
            : new ValidationProblem(path, "$.id", $"the file of instrument '{definition.Id}' must be named '{expectedName}'");
    }

    private static IEnumerable<string> JsonFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.json")
            .Where(p => !Path.GetFileName(p).EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
