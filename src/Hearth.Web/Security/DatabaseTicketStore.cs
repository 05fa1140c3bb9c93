using System.Security.Claims;
using System.Security.Cryptography;
using Hearth.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

/// <summary>
/// Keeps sign-in sessions in the database and only their random key in the cookie. Signing out deletes
/// the row, so a copied cookie stops working at once, on every instance; deleting an account deletes its
/// sessions with it (cascade).
/// </summary>
public sealed class DatabaseTicketStore(SignInSessions sessions) : ITicketStore
{
    /// <summary>The claim that names the session a request came with, so a change can end every other one.</summary>
    public const string SessionClaim = "hearth:session";

    public static string? SessionOf(ClaimsPrincipal principal) => principal.FindFirst(SessionClaim)?.Value;

    private static void Name(AuthenticationTicket ticket, string key)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity && identity.FindFirst(SessionClaim)?.Value != key)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }
            identity.AddClaim(new Claim(SessionClaim, key));
        }
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Name(ticket, key);
        await sessions.StoreAsync(key, ticket.Principal.UserId(), TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Name(ticket, key); // a fresh sign-in within this session (after a password change) keeps its name
        return sessions.RenewAsync(key, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await sessions.RetrieveAsync(key) is { } ticket ? TicketSerializer.Default.Deserialize(ticket) : null;

    public Task RemoveAsync(string key) => sessions.RemoveAsync(key);
}

/// <summary>Gives the cookie handler the database session store (it is resolved after the container is built).</summary>
public sealed class SessionStoreSetup(SignInSessions sessions) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = new DatabaseTicketStore(sessions);
        }
    }
}
