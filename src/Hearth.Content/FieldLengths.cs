namespace Hearth.Content;

/// <summary>
/// How long the fields the database keeps may be: the one list the EF Core model and every check of
/// input (loaders, services, forms) read, so a limit is never stated twice.
/// </summary>
public static class FieldLengths
{
    /// <summary>Instrument, program, score and time-zone ids.</summary>
    public const int Id = 64;
    public const int Version = 32;
    /// <summary>Names and titles: organisations, teams, cohorts, programs, crisis resources.</summary>
    public const int Name = 200;
    public const int Email = 256;
    /// <summary>A SHA-256 as hex, and session keys.</summary>
    public const int Hash = 64;
    public const int Place = 300;
    public const int Link = 500;
    /// <summary>Access-token labels and audit actions.</summary>
    public const int Label = 100;

    /// <summary>Texts people write at length: a study's hypotheses, a consent text.</summary>
    public const int LongText = 20_000;
}
