using Hearth.Core.Localization;

namespace Hearth.Web.Setup;

/// <summary>Sends invitation e-mails through the organisation's SMTP server, when one is configured (Hearth:Smtp).</summary>
public sealed class InvitationMail(Mailer mailer, ILogger<InvitationMail> logger) : Hearth.Core.Accounts.IInvitationMail
{
    public bool IsConfigured => mailer.IsConfigured;

    /// <returns>True when the mail was handed to the server.</returns>
    public async Task<bool> SendAsync(string recipient, string organisation, string link, string? cohortName = null, bool hasAccount = false, string? language = null, CancellationToken cancellationToken = default)
    {
        if (!mailer.IsConfigured)
        {
            return false;
        }
        var (subject, body) = (cohortName, hasAccount) switch
        {
            (null, _) => (MailText.Get(language, "Invite.Subject", organisation), MailText.Get(language, "Invite.Body", link, "\n")),
            (_, false) => (MailText.Get(language, "Invite.CohortSubject", cohortName), MailText.Get(language, "Invite.CohortBody", cohortName, organisation, link, "\n")),
            _ => (MailText.Get(language, "Invite.CohortSubject", cohortName), MailText.Get(language, "Invite.CohortMemberBody", cohortName, organisation, link, "\n")),
        };
        try
        {
            await mailer.SendAsync(recipient, subject, body, cancellationToken);
            return true;
        }
        catch (Exception ex) when (Mailer.IsDeliveryFailure(ex))
        {
            logger.LogWarning(ex, "Invitation e-mail to {To} could not be sent; the link is shown to the administrator instead", recipient);
            return false;
        }
    }
}
