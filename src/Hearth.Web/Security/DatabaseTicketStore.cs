using System.Security.Claims;
using System.Security.Cryptography;
using Hearth.Core.Accounts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Security;

/// <summary>
/// Keeps sign-in sessions in the database and only their random key in the cookie. Signing out deletes
/// the row, so a copied cookie stops working at once, on every instance; deleting an account deletes its
/// sessions with it (cascade).
/// </summary>
public sealed class DatabaseTicketStore(Func<HearthDbContext> contexts, TimeProvider clock) : ITicketStore
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
        var userId = ticket.Principal.UserId();
        var now = clock.GetUtcNow();
        await using var db = contexts();
        // Sessions that ran out are removed as the same person signs in again, so the table stays small.
        await db.AuthSessions.Where(s => s.UserId == userId && s.ExpiresAt < now).ExecuteDeleteAsync();
        db.AuthSessions.Add(new AuthSession { Id = key, UserId = userId, Ticket = TicketSerializer.Default.Serialize(ticket), CreatedAt = now, ExpiresAt = ticket.Properties.ExpiresUtc });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = contexts();
        var session = await db.AuthSessions.FirstOrDefaultAsync(s => s.Id == key);
        if (session is null)
        {
            return; // signed out meanwhile: the session stays ended
        }
        Name(ticket, key); // a fresh sign-in within this session (after a password change) keeps its name
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        session.ExpiresAt = ticket.Properties.ExpiresUtc;
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = contexts();
        var session = await db.AuthSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null || session.ExpiresAt < clock.GetUtcNow())
        {
            return null;
        }
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = contexts();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }
}

/// <summary>Gives the cookie handler the database session store (it is resolved after the container is built).</summary>
public sealed class SessionStoreSetup(Func<HearthDbContext> contexts, TimeProvider clock) : Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == IdentityConstants.ApplicationScheme)
        {
            options.SessionStore = new DatabaseTicketStore(contexts, clock);
        }
    }
}
