using System.Security.Cryptography;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Hearth.Web.Security;

namespace Hearth.Web.Setup;

/// <summary>
/// Invitations by link: the token is shown once (to the administrator, and in the log when no mail
/// server is configured) and only its hash is stored. Links expire after 14 days.
/// </summary>
public sealed class Invitations(HearthDbContext db, TimeProvider clock, ILogger<Invitations> logger)
{
    public static string Hash(string token) => TokenHash.Of(token);

    /// <returns>The path of the invitation link.</returns>
    public async Task<string> CreateAsync(string email, IEnumerable<string> roles, int? teamId, string invitedById, int? cohortId = null)
    {
        var token = SecretToken.New();
        var now = clock.GetUtcNow();
        db.Invitations.Add(new Invitation
        {
            Email = email,
            TokenHash = Hash(token),
            Roles = string.Join(",", roles.Where(r => Roles.All.Contains(r))),
            TeamId = teamId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(14),
            InvitedById = invitedById,
            CohortId = cohortId,
        });
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = invitedById, Action = "invite", Details = email });
        await db.SaveChangesAsync();
        return $"/account/invite/{token}";
    }

    /// <summary>Logs a link only when it could not be mailed: a link is a way into an account.</summary>
    public void LogLink(string email, string link) => logger.LogInformation("Invitation for {Email} (not mailed): {Link}", email, link);
}
