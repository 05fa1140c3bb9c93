using Hearth.Core.Security;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Security;

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
        await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId && t.RevokedAt == null).OrderBy(t => t.Id).ToListAsync();

    /// <returns>True when the person had such a token and it is now revoked.</returns>
    public async Task<bool> RevokeAsync(string userId, int id)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId && t.RevokedAt == null);
        if (token is null)
        {
            return false;
        }
        token.RevokedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        return true;
    }

    public static string Hash(string token) => TokenHash.Of(token);
}

/// <summary>Authenticates <c>Authorization: Bearer hth_…</c> against active tokens of active accounts.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HearthDbContext db,
    IUserClaimsPrincipalFactory<HearthUser> principals,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = PersonalAccessTokens.Hash(header["Bearer ".Length..].Trim());
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null);
        if (token is null)
        {
            return AuthenticateResult.Fail("unknown or revoked token");
        }
        if (token.EffectiveExpiry <= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail("expired token");
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId);
        if (user is not { Active: true })
        {
            return AuthenticateResult.Fail("inactive account");
        }
        token.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.Identities.Select(i => new ClaimsIdentity(i.Claims, SchemeName, i.NameClaimType, i.RoleClaimType))), SchemeName));
    }
}
