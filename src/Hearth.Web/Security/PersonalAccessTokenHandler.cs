using System.Security.Claims;
using System.Text.Encodings.Web;
using Hearth.Core.Accounts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Security;

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
