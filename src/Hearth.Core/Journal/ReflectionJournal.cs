using Hearth.Core.Localization;
using Hearth.Core.Rules;
using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Journal;

public sealed record Reflection(long Id, DateTimeOffset CreatedAt, string Text);

/// <summary>
/// A clinician's private reflection journal, encrypted at rest with ASP.NET Core Data Protection:
/// the database holds only ciphertext, under a purpose that includes the author's id, so an entry
/// cannot be decrypted as anyone else's. Every read is filtered by the author in the query.
/// </summary>
public sealed class ReflectionJournal(HearthDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int MaxLength = 10_000;

    private IDataProtector ProtectorFor(string userId) => protection.CreateProtector("Hearth.Journal.v1", userId);

    public async Task<Outcome<Reflection>> WriteAsync(string userId, string? text, CancellationToken cancellationToken = default)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return new FieldProblem("Text", ProblemText.Get("Journal.TextRequired", MaxLength));
        }
        var entry = new JournalEntry { UserId = userId, CreatedAt = clock.GetUtcNow(), Ciphertext = ProtectorFor(userId).Protect(text) };
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(new Reflection(entry.Id, entry.CreatedAt, text));
    }

    /// <summary>One of the author's own entries, or null.</summary>
    public async Task<Reflection?> ReadOneAsync(string userId, long entryId, CancellationToken cancellationToken = default)
    {
        var entry = await db.JournalEntries.OwnedBy(userId).AsNoTracking().FirstOrDefaultAsync(j => j.Id == entryId, cancellationToken);
        return entry is null ? null : new Reflection(entry.Id, entry.CreatedAt, ProtectorFor(userId).UnprotectOrNotice(entry.Ciphertext));
    }

    public async Task<IReadOnlyList<Reflection>> ReadOwnAsync(string userId, CancellationToken cancellationToken = default)
    {
        var protector = ProtectorFor(userId);
        var entries = await db.JournalEntries.OwnedBy(userId).AsNoTracking().OrderByDescending(j => j.CreatedAt).ToListAsync(cancellationToken);
        return [.. entries.Select(e => new Reflection(e.Id, e.CreatedAt, protector.UnprotectOrNotice(e.Ciphertext)))];
    }

    /// <summary>Deletes one of the author's own entries, and with it every shared copy (cascade).</summary>
    /// <returns>False when the author has no such entry.</returns>
    public async Task<bool> DeleteAsync(string userId, long entryId, CancellationToken cancellationToken = default) =>
        await db.JournalEntries.OwnedBy(userId).Where(j => j.Id == entryId).ExecuteDeleteAsync(cancellationToken) > 0;
}
