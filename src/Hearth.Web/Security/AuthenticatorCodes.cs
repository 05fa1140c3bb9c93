using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Hearth.Web.Security;

/// <summary>
/// Authenticator-app codes (TOTP, RFC 6238: 30-second steps, 6 digits, SHA-1, as every app does), read
/// against the injected clock. A code is accepted once: the step it matched is stored, and that step or an
/// earlier one is refused afterwards, so a code seen over someone's shoulder cannot be replayed.
/// </summary>
public sealed class AuthenticatorCodes(UserManager<HearthUser> users, TimeProvider clock)
{
    /// <summary>One step either side, for a phone clock a little off.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    public async Task<bool> VerifyAsync(HearthUser user, string? code)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (string.IsNullOrEmpty(key) || digits.Length != 6)
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Window) || step <= (user.LastTotpStep ?? long.MinValue))
        {
            return false;
        }
        user.LastTotpStep = step;
        var saved = await users.UpdateAsync(user);
        // A concurrent sign-in with the same code changed the row first (its concurrency stamp): refuse this one.
        return saved.Succeeded;
    }
}
