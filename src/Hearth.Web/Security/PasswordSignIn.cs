using Hearth.Core.Audit;
using Hearth.Core.Accounts;
using System.Net;
using Hearth.Core.Organisations;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

public enum SignInOutcome
{
    SignedIn,
    NeedsCode,
    Refused,
}

/// <summary>
/// Sign-in with a password and, when two-factor sign-in is on, an authenticator or recovery code. Every
/// refusal looks the same to the person signing in; the audit log tells them apart. Identity's account-wide
/// lockout is not used (it would let anyone lock anyone out): see <see cref="SignInThrottling"/>.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<HearthUser> users,
    SignInManager<HearthUser> signIn,
    SignInThrottling throttle,
    AuthenticatorCodes codes,
    RecoveryCodes recovery,
    AuditLog audit)
{
    private static readonly string DummyHash = new PasswordHasher<HearthUser>().HashPassword(new HearthUser { DisplayName = "" }, "not a real password");

    public async Task<SignInOutcome> SignInAsync(string? email, string? password, string? code, IPAddress? address)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || !user.Active)
        {
            // Spend the same time as a real check, so timing does not tell which addresses have accounts.
            users.PasswordHasher.VerifyHashedPassword(new HearthUser { DisplayName = "" }, DummyHash, password ?? "");
            await audit.RecordAsync(null, "sign-in-failed", user?.Id, user is null ? "unknown address" : "inactive account");
            return SignInOutcome.Refused;
        }
        if (await throttle.IsLockedAsync(user.Id, address))
        {
            await audit.RecordAsync(null, "sign-in-refused-locked", user.Id);
            return SignInOutcome.Refused;
        }
        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            return await FailAsync(user, address, "wrong password");
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                return SignInOutcome.NeedsCode;
            }
            var byApp = await codes.VerifyAsync(user, code);
            if (!byApp && !await recovery.RedeemAsync(user, code))
            {
                return await FailAsync(user, address, "wrong or reused code");
            }
            if (!byApp)
            {
                await audit.RecordAsync(user.Id, "recovery-code-used", user.Id);
            }
        }
        await throttle.ResetAsync(user.Id, address);
        await signIn.SignInAsync(user, isPersistent: false);
        if (user.Language is not null)
        {
            // Their own choice, in whichever browser they sign in from.
            Localization.HearthLocalization.Remember(signIn.Context, user.Language);
        }
        await audit.RecordAsync(user.Id, "sign-in", user.Id);
        return SignInOutcome.SignedIn;
    }

    private async Task<SignInOutcome> FailAsync(HearthUser user, IPAddress? address, string why)
    {
        var locked = await throttle.RecordFailureAsync(user.Id, address);
        await audit.RecordAsync(null, "sign-in-failed", user.Id, why);
        if (locked)
        {
            await audit.RecordAsync(null, "sign-in-locked", user.Id, $"{SignInThrottling.MaxFailures} failures from one address; locked for that address for {SignInThrottling.LockFor.TotalMinutes:0} minutes");
        }
        return SignInOutcome.Refused;
    }
}
