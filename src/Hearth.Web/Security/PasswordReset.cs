using Hearth.Core.Audit;
using Hearth.Core.Accounts;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Hearth.Web.Setup;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

/// <summary>
/// A forgotten password reset by e-mail. The answer to a request is the same whether or not the address
/// has an account, and the mail is handed to the server in the background so the response time does not
/// tell either. The link holds Identity's reset token: it lasts an hour and works once (using it changes
/// the account's security stamp, which the token is bound to). A reset ends every session of the account.
/// </summary>
public sealed class PasswordReset(
    UserManager<HearthUser> users,
    Mailer mailer,
    HearthOptions options,
    SignInSessions sessions,
    AuditLog audit,
    LanguageChoices languages,
    ILogger<PasswordReset> logger)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    /// <summary>Whether resets by e-mail are possible here (a mail server and the public address are configured).</summary>
    public bool IsAvailable => mailer.IsConfigured && options.PublicUrl is not null;

    public async Task RequestAsync(string? email)
    {
        if (!IsAvailable || string.IsNullOrWhiteSpace(email) || await users.FindByEmailAsync(email.Trim()) is not { Active: true } user)
        {
            return;
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{options.PublicUrl!.TrimEnd('/')}/account/reset?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        await audit.RecordAsync(null, "password-reset-requested", user.Id);
        var to = user.Email!;
        var language = Hearth.Core.Localization.MailText.LanguageFor(user.Language, await languages.OrganisationDefaultAsync());
        _ = Task.Run(async () =>
        {
            try
            {
                await mailer.SendAsync(to, Hearth.Core.Localization.MailText.Get(language, "Reset.Subject"),
                    Hearth.Core.Localization.MailText.Get(language, "Reset.Body", link, "\n"));
            }
            catch (Exception ex) when (Mailer.IsDeliveryFailure(ex))
            {
                logger.LogWarning(ex, "Password reset e-mail could not be sent");
            }
        });
    }

    /// <returns>Null when the password was changed, else what to tell the person.</returns>
    public async Task<string?> ResetAsync(string? userId, string? token, string? newPassword)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is not { Active: true } || string.IsNullOrEmpty(token))
        {
            return Invalid;
        }
        var result = await users.ResetPasswordAsync(user, token, newPassword ?? "");
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)) ? Invalid : string.Join(" ", result.Errors.Select(e => e.Description));
        }
        await sessions.EndAllAsync(user.Id);
        await audit.RecordAsync(user.Id, "password-reset", user.Id);
        return null;
    }

    private const string Invalid = "This link is not valid any more: it may have been used already or be more than an hour old. Ask for a new one.";
}
