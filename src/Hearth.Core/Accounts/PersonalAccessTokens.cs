using System.Security.Cryptography;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>Personal access tokens for the API: shown once, stored as a SHA-256 hash, revocable.</summary>
public sealed class PersonalAccessTokens(HearthDbContext db, TimeProvider clock)
{
    public const string Prefix = "hth_";

    public async Task<string> CreateAsync(string userId, string name, DateTimeOffset expiresAt)
    {
        var token = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        db.PersonalAccessTokens.Add(new PersonalAccessToken { UserId = userId, Name = name, TokenHash = Hash(token), CreatedAt = clock.GetUtcNow(), ExpiresAt = expiresAt });
        await db.SaveChangesAsync();
        return token;
    }

    public async Task<IReadOnlyList<PersonalAccessToken>> OfAsync(string userId) =>
        await db.PersonalAccessTokens.OwnedBy(userId).AsNoTracking().Where(t => t.RevokedAt == null).OrderBy(t => t.Id).ToListAsync();

    /// <returns>True when the person had such a token and it is now revoked.</returns>
    public async Task<bool> RevokeAsync(string userId, int id)
    {
        var token = await db.PersonalAccessTokens.OwnedBy(userId).FirstOrDefaultAsync(t => t.Id == id && t.RevokedAt == null);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return true;
    }

    public static string Hash(string token) => TokenHash.Of(token);

    /// <summary>
    /// The account a presented token signs in, or why not (unknown or revoked, expired, inactive account).
    /// A token that works is stamped with its last use.
    /// </summary>
    public async Task<(HearthUser? User, string? Refusal)> AuthenticateAsync(string presented)
    {
        var hash = Hash(presented);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null);
        if (token is null)
        {
            return (null, "unknown or revoked token");
        }
        if (token.EffectiveExpiry <= clock.GetUtcNow())
        {
            return (null, "expired token");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId);
        if (user is not { Active: true })
        {
            return (null, "inactive account");
        }
        token.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return (user, null);
    }
}
