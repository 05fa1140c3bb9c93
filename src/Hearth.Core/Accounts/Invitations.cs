using Hearth.Core.Localization;
using Microsoft.EntityFrameworkCore;
using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Hearth.Core.Accounts;

/// <summary>Hands an invitation's link to the invitee by e-mail, where the organisation has a mail server.</summary>
public interface IInvitationMail
{
    /// <param name="language">The language to write in: the person's own when they have an account, else the organisation's default.</param>
    /// <returns>True when the mail was handed to the server.</returns>
    Task<bool> SendAsync(string recipient, string organisation, string link, string? cohortName = null, bool hasAccount = false, string? language = null, CancellationToken cancellationToken = default);
}

/// <summary>An invitation as its link shows it: whom it is for, the cohort it brings them into, and whether that address already has an account.</summary>
public sealed record OpenInvitation(Invitation Invitation, string? CohortName, bool AccountExists);

/// <summary>
/// Invitations by link: the token is shown once (mailed, or to the person inviting when no mail server
/// is configured; never logged) and only its hash is stored. Links expire after 14 days.
/// A facilitator's invitation to a cohort works the same whether or not the address has an account
/// (someone with one accepts it after signing in), so the facilitator never learns who has an account.
/// </summary>
public sealed class Invitations(
    HearthDbContext db,
    TimeProvider clock,
    IInvitationMail mail,
    UserManager<HearthUser> users,
    CohortMembers cohorts,
    ILogger<Invitations> logger)
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
        db.AuditEntries.Add(new AuditEntry { At = now, ActorId = invitedById, Action = cohortId is null ? "invite" : "cohort-invite", Details = email });
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
        var cohortName = cohortId is null ? null : await db.Cohorts.AsNoTracking().Where(c => c.Id == cohortId).Select(c => c.Name).FirstOrDefaultAsync();
        var account = await users.FindByEmailAsync(email);
        var language = Localization.MailText.LanguageFor(account?.Language, await Organisations.LanguageChoices.OrganisationDefaultIn(db));
        var mailed = await mail.SendAsync(email, organisation, link, cohortName, account is not null, language);
        if (!mailed)
        {
            // The link itself is a way into an account: it is shown to the person inviting, never logged.
            logger.LogInformation("Invitation created for {Email} (not mailed; the link was shown to the person inviting)", email);
        }
        return (link, mailed);
    }

    /// <summary>The unexpired, unused invitation behind a link, or null.</summary>
    public async Task<OpenInvitation?> FindAsync(string token)
    {
        var hash = Hash(token);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.AcceptedAt == null);
        if (invitation is null || invitation.ExpiresAt < clock.GetUtcNow())
        {
            return null;
        }
        var cohortName = invitation.CohortId is null ? null : await db.Cohorts.AsNoTracking().Where(c => c.Id == invitation.CohortId).Select(c => c.Name).FirstOrDefaultAsync();
        return new OpenInvitation(invitation, cohortName, await users.FindByEmailAsync(invitation.Email) is not null);
    }

    /// <summary>Creates the invitee's account (with the invitation's roles and team), joins the cohort if any, and uses the invitation up.</summary>
    public async Task<(HearthUser? User, IdentityResult Result)> AcceptAsNewAccountAsync(string token, string displayName, string password)
    {
        if (await FindAsync(token) is not { AccountExists: false } open)
        {
            return (null, IdentityResult.Failed(new IdentityError { Code = "InvalidInvitation", Description = ProblemText.Get("Accounts.InvitationInvalid") }));
        }
        var invitation = open.Invitation;
        var user = new HearthUser { UserName = invitation.Email, Email = invitation.Email, DisplayName = displayName.Trim(), TeamId = invitation.TeamId, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created);
        }
        await users.AddToRolesAsync(user, invitation.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(r => Roles.All.Contains(r)));
        await UseUpAsync(invitation, user.Id);
        return (user, created);
    }

    /// <summary>
    /// An existing account accepts a cohort invitation made out to its own address (signed in, so the link
    /// alone is not enough to put someone in a group).
    /// </summary>
    /// <returns>False when the invitation is not this person's or no longer valid.</returns>
    public async Task<bool> AcceptAsMemberAsync(string token, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || await FindAsync(token) is not { Invitation.CohortId: not null } open
            || !string.Equals(open.Invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        await UseUpAsync(open.Invitation, user.Id);
        return true;
    }

    private async Task UseUpAsync(Invitation invitation, string userId)
    {
        await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, clock.GetUtcNow()));
        if (invitation.CohortId is { } cohortId)
        {
            // When the cohort filled up meanwhile (or is gone) the account stands all the same: the
            // facilitator can make room and add them. The refusal needs no answer here.
            _ = await cohorts.JoinByInvitationAsync(cohortId, userId);
        }
    }
}
