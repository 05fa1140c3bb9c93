using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Hearth.Web.Setup;

/// <summary>Plain-text mail through the organisation's SMTP server (Hearth:Smtp), used for invitations and reminders.</summary>
public sealed class Mailer(HearthOptions options)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Smtp?.Host);

    /// <summary>Hands one message to the server; throws when it cannot (callers decide what a failure means).</summary>
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        if (options.Smtp is not { Host: { Length: > 0 } host } smtp)
        {
            throw new InvalidOperationException("no mail server is configured (Hearth:Smtp:Host)");
        }
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        // Each read or write gives up after 30 s and the whole send after 2 minutes: well inside a
        // reminder's 5-minute lease, so a slow server never lets a second instance send the same reminder.
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await SendAsync(smtp, host, message, overall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("the mail server did not accept the message within 2 minutes");
        }
    }

    private static async Task SendAsync(SmtpOptions smtp, string host, MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(host, smtp.Port, SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.User))
        {
            await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    public static bool IsDeliveryFailure(Exception ex) =>
        ex is IOException or TimeoutException or MailKit.ServiceNotConnectedException or SmtpCommandException or SmtpProtocolException or AuthenticationException or System.Net.Sockets.SocketException or ParseException;
}
