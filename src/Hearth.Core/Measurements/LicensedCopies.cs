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

    /// <summary>
    /// An organisation's licensed translation of a questionnaire (the translation format): checked against
    /// the instrument's items and answers, then kept beside the licensed copies and audited. Replaces an
    /// earlier upload in the same language; a translation that fails any check changes nothing.
    /// </summary>
    /// <returns>The instrument's title and the translation's language when it was loaded; otherwise every problem.</returns>
    public async Task<(string? Title, string? Language, IReadOnlyList<ValidationProblem> Problems)> UploadTranslationAsync(
        string administratorId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        string json;
        using (var reader = new StreamReader(content))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }
        var (translation, parseProblems) = InstrumentTranslations.Parse(json, fileName);
        if (translation is null)
        {
            return (null, null, parseProblems);
        }
        var problems = catalog.AddTranslation(translation, fileName);
        if (problems.Count > 0)
        {
            return (null, null, problems);
        }
        var folder = Path.Combine(directory, InstrumentTranslations.Folder);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, $"{translation.Instrument}.{translation.Language}.json"), json, cancellationToken);
        await audit.RecordAsync(administratorId, "licensed-translation-upload", details: $"{translation.Instrument} {translation.Language}");
        return (catalog.Find(translation.Instrument)?.Title, translation.Language, []);
    }
}
