using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Hearth.Web.Setup;

/// <summary>Sends invitation e-mails through the organisation's SMTP server, when one is configured (Hearth:Smtp).</summary>
public sealed class InvitationMail(HearthOptions options, ILogger<InvitationMail> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Smtp?.Host);

    /// <returns>True when the mail was handed to the server.</returns>
    public async Task<bool> SendAsync(string to, string organisation, string link, CancellationToken cancellationToken = default)
    {
        if (options.Smtp is not { Host: { Length: > 0 } host } smtp)
        {
            return false;
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = $"You are invited to Hearth at {organisation}";
        message.Body = new TextPart("plain")
        {
            Text = $"You have been invited to Hearth, where you can check in on how your work is affecting you. Your answers are yours: your employer only ever sees anonymous figures for groups.\n\nCreate your account here (the link works once, for 14 days):\n{link}\n",
        };
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(host, smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning(ex, "Invitation e-mail to {To} could not be sent; the link is shown to the administrator instead", to);
            return false;
        }
    }
}
