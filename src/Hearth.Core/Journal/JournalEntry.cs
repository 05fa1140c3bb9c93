namespace Hearth.Core.Journal;

/// <summary>One private reflection. Only ciphertext is stored; see <see cref="ReflectionJournal"/>.</summary>
public sealed class JournalEntry : Rules.IOwnedByUser
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Ciphertext { get; set; }
}
