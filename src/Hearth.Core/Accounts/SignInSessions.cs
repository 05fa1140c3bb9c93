using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>
/// Signed-in sessions, kept in the database (the cookie holds only a session's random key): the web
/// host's ticket store reads and writes them here, and ending them is one delete, on every instance at
/// once. Each call uses its own context, as the cookie handler calls it outside any request scope.
/// </summary>
public sealed class SignInSessions(Func<HearthDbContext> contexts, TimeProvider clock)
{
    private readonly Lazy<SessionLookup> _lookup = new(() =>
    {
        using var db = contexts();
        return new SessionLookup(db);
    });

    public async Task StoreAsync(string key, string userId, byte[] ticket, DateTimeOffset? expiresAt)
    {
        var now = clock.GetUtcNow();
        await using var db = contexts();
        // Sessions that ran out are removed as the same person signs in again, so the table stays small.
        await db.AuthSessions.OwnedBy(userId).Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.AuthSessions.Add(new AuthSession { Id = key, UserId = userId, Ticket = ticket, CreatedAt = now, ExpiresAt = expiresAt });
        await db.SaveChangesAsync();
    }

    /// <summary>Replaces a live session's ticket; a session ended meanwhile stays ended.</summary>
    public async Task RenewAsync(string key, byte[] ticket, DateTimeOffset? expiresAt)
    {
        await using var db = contexts();
        await db.AuthSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket).SetProperty(s => s.ExpiresAt, expiresAt));
    }

    /// <summary>The ticket of a session that exists and has not run out, or null.</summary>
    /// <remarks>Every signed-in request asks this, so it goes through a statement prepared once (<see cref="SessionLookup"/>).</remarks>
    public async Task<byte[]?> RetrieveAsync(string key)
    {
        var session = await _lookup.Value.FindAsync(key);
        return session is not { } found || found.ExpiresAt < clock.GetUtcNow() ? null : found.Ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = contexts();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of one person (password reset), or every one but <paramref name="except"/> (password change).</summary>
    public async Task EndAllAsync(string userId, string? except = null)
    {
        await using var db = contexts();
        await EndAllAsync(db, userId, except);
    }

    /// <summary>As <see cref="EndAllAsync(string, string?)"/>, inside a caller's context (and its transaction).</summary>
    internal static Task EndAllAsync(HearthDbContext db, string userId, string? except = null) =>
        db.AuthSessions.OwnedBy(userId).Where(s => s.Id != except).ExecuteDeleteAsync();
}
