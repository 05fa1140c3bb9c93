using Hearth.Content.Instruments;
using Hearth.Core.Audit;

namespace Hearth.Core.Measurements;

/// <summary>
/// An organisation's licensed copy of a questionnaire Hearth ships only the key of: checked against the
/// published key, then kept as a file beside the database (so it loads again after a restart) and audited.
/// A copy that fails any check changes nothing.
/// </summary>
public sealed class LicensedCopies(InstrumentCatalog catalog, AuditLog audit, string directory)
{
    public const long MaxBytes = 1_000_000;

    /// <returns>The questionnaire's title when it was loaded; otherwise every problem, with its file and place.</returns>
    public async Task<(string? Title, IReadOnlyList<ValidationProblem> Problems)> UploadAsync(string administratorId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        string json;
        using (var reader = new StreamReader(content))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }
        var result = InstrumentLoader.LoadText(json, fileName);
        if (result.Definition is not { } copy || result.Problems.Count > 0)
        {
            return (null, result.Problems);
        }
        var problems = catalog.AddLicensedCopy(copy, fileName);
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, copy.Id + ".json"), json, cancellationToken);
        await audit.RecordAsync(administratorId, "licensed-copy-upload", details: copy.Id);
        return (copy.Title, []);
    }
}
