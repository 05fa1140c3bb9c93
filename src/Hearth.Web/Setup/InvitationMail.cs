namespace Hearth.Web.Setup;

/// <summary>Sends invitation e-mails through the organisation's SMTP server, when one is configured (Hearth:Smtp).</summary>
public sealed class InvitationMail(Mailer mailer, ILogger<InvitationMail> logger) : Hearth.Core.Accounts.IInvitationMail
{
    public bool IsConfigured => mailer.IsConfigured;

    /// <returns>True when the mail was handed to the server.</returns>
    public async Task<bool> SendAsync(string recipient, string organisation, string link, string? cohortName = null, bool hasAccount = false, CancellationToken cancellationToken = default)
    {
        if (!mailer.IsConfigured)
        {
            return false;
        }
        var (subject, body) = (cohortName, hasAccount) switch
        {
            (null, _) => ($"You are invited to Hearth at {organisation}",
                $"You have been invited to Hearth, where you can check in on how your work is affecting you. Your answers are yours: your employer only ever sees anonymous figures for groups.\n\nCreate your account here (the link works once, for 14 days):\n{link}\n"),
            (_, false) => ($"You are invited to join {cohortName} in Hearth",
                $"You have been invited to join the group {cohortName} in Hearth at {organisation}. Your answers and reflections are yours: the group's facilitator sees only what you choose to share.\n\nCreate your account and join here (the link works once, for 14 days):\n{link}\n"),
            _ => ($"You are invited to join {cohortName} in Hearth",
                $"You have been invited to join the group {cohortName} in Hearth at {organisation}.\n\nSign in and accept here (the link works once, for 14 days):\n{link}\n"),
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
