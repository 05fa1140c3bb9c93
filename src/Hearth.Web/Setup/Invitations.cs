using Microsoft.EntityFrameworkCore;
using System.Security.Cryptography;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Hearth.Web.Security;

namespace Hearth.Web.Setup;

/// <summary>
/// Invitations by link: the token is shown once (mailed, or to the person inviting when no mail server
/// is configured; never logged) and only its hash is stored. Links expire after 14 days.
/// </summary>
public sealed class Invitations(HearthDbContext db, TimeProvider clock, InvitationMail mail, ILogger<Invitations> logger)
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

    /// <summary>
    /// Creates the invitation and mails its link when a mail server is configured; otherwise the link is
    /// returned for the person inviting to pass on.
    /// </summary>
    /// <returns>The full link (to show to the person inviting) and whether it was mailed.</returns>
    public async Task<(string Link, bool Mailed)> InviteAsync(string email, IEnumerable<string> roles, int? teamId, string invitedById, string baseUrl, int? cohortId = null)
    {
        var link = baseUrl.TrimEnd('/') + await CreateAsync(email, roles, teamId, invitedById, cohortId);
        var organisation = await db.Organisations.AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync() ?? "your organisation";
        var mailed = await mail.SendAsync(email, organisation, link);
        if (!mailed)
        {
            // The link itself is a way into an account: it is shown to the person inviting, never logged.
            logger.LogInformation("Invitation created for {Email} (not mailed; the link was shown to the person inviting)", email);
        }
        return (link, mailed);
    }
}
