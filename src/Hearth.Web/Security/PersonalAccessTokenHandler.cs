using System.Security.Claims;
using System.Text.Encodings.Web;
using Hearth.Core.Accounts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer hth_…</c> against active tokens of active accounts.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PersonalAccessTokens tokens,
    IUserClaimsPrincipalFactory<HearthUser> principals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var (user, refusal) = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim());
        if (user is null)
        {
            return AuthenticateResult.Fail(refusal!);
        }
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(principal.Identities.Select(i => new ClaimsIdentity(i.Claims, SchemeName, i.NameClaimType, i.RoleClaimType))), SchemeName));
    }
}
