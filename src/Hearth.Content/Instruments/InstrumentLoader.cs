namespace Hearth.Content.Instruments;

/// <summary>The outcome of reading one file: the definition when it is valid, otherwise every problem found.</summary>
public sealed record LoadResult(string File, InstrumentDefinition? Definition, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;

    /// <summary>What was off but did not stop the load (a FHIR file that bends the rules, say).</summary>
    public IReadOnlyList<ValidationProblem> Warnings { get; init; } = [];
}

/// <summary>Reads instrument files. Never throws for bad content: every problem becomes a <see cref="ValidationProblem"/>.</summary>
public static class InstrumentLoader
{
    public static LoadResult LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new LoadResult(path, null, [new ValidationProblem(path, "", $"cannot read the file: {ex.Message}")]);
        }
        return LoadText(text, path);
    }

    public static LoadResult LoadText(string json, string file)
    {
        var (definition, parseProblem) = InstrumentJson.Parse(json, file);
        if (definition is null)
        {
            return new LoadResult(file, null, [parseProblem!]);
        }
        var problems = InstrumentValidator.Validate(definition, file);
        return new LoadResult(file, problems.Count == 0 ? definition : null, problems);
    }
}
