using Hearth.Core.Audit;
using Hearth.Core.Accounts;
using Hearth.Core.Cohorts;
using Hearth.Core.Organisations;
using Hearth.Core.Rules;
using Hearth.Web.Setup;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

/// <summary>
/// What a person changes about their own account: password, two-factor sign-in, access tokens, deletion.
/// Each change that could hand the account to someone else asks for the password again, so a browser
/// left signed in is not enough; each is audited.
/// </summary>
public sealed class AccountSettings(
    UserManager<HearthUser> users,
    SignInManager<HearthUser> signIn,
    IUserStore<HearthUser> store,
    RecoveryCodes recovery,
    AuthenticatorCodes codes,
    PersonalAccessTokens tokens,
    AccountDeletion deletion,
    People people,
    AuditLog audit,
    SignInSessions sessions,
    TimeProvider clock)
{
    public const int DefaultTokenDays = 90;
    public const int MaxTokenDays = 365;

    private static readonly FieldProblem WrongPassword = new("Password", "That is not your current password.");

    private async Task<FieldProblem?> CheckPasswordAsync(HearthUser user, string? password) =>
        await users.CheckPasswordAsync(user, password ?? "") ? null : WrongPassword;

    public async Task<FieldProblem?> ChangePasswordAsync(HearthUser user, System.Security.Claims.ClaimsPrincipal signedIn, string? current, string? next)
    {
        var result = await users.ChangePasswordAsync(user, current ?? "", next ?? "");
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? WrongPassword
                : new FieldProblem("NewPassword", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        // Every other session ends now; this one goes on with the new security stamp.
        await sessions.EndAllAsync(user.Id, except: DatabaseTicketStore.SessionOf(signedIn));
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(user.Id, "password-changed", user.Id);
        return null;
    }

    /// <summary>
    /// The key to enter in an authenticator app. Made on request, not on a visit to the account page, and
    /// stored without touching the security stamp: setting up an app must not sign the person out elsewhere.
    /// </summary>
    public async Task<string> PendingAuthenticatorKeyAsync(HearthUser user, bool create)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) && create)
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<HearthUser>)store).SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            await users.UpdateAsync(user);
        }
        return key ?? "";
    }

    /// <returns>The recovery codes to show once, or the problem.</returns>
    public async Task<(IReadOnlyList<string>? Codes, FieldProblem? Problem)> EnableTwoFactorAsync(HearthUser user, string? password, string? code)
    {
        if (await CheckPasswordAsync(user, password) is { } wrong)
        {
            return (null, wrong);
        }
        if (!await codes.VerifyAsync(user, code))
        {
            return (null, new FieldProblem("Code", "That code is not right. Check the app and try again."));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = await recovery.GenerateAsync(user);
        await audit.RecordAsync(user.Id, "two-factor-on", user.Id);
        return (recoveryCodes, null);
    }

    public async Task<FieldProblem?> DisableTwoFactorAsync(HearthUser user, string? password)
    {
        if (await CheckPasswordAsync(user, password) is { } wrong)
        {
            return wrong;
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await recovery.RemoveAllAsync(user);
        user.LastTotpStep = null;
        await users.UpdateAsync(user);
        await audit.RecordAsync(user.Id, "two-factor-off", user.Id);
        return null;
    }

    public async Task<(IReadOnlyList<string>? Codes, FieldProblem? Problem)> NewRecoveryCodesAsync(HearthUser user, string? password)
    {
        if (await CheckPasswordAsync(user, password) is { } wrong)
        {
            return (null, wrong);
        }
        var recoveryCodes = await recovery.GenerateAsync(user);
        await audit.RecordAsync(user.Id, "recovery-codes-replaced", user.Id);
        return (recoveryCodes, null);
    }

    /// <returns>The new token to show once, or the problem.</returns>
    public async Task<(string? Token, FieldProblem? Problem)> CreateTokenAsync(HearthUser user, string? password, string? name, int? days)
    {
        if (await CheckPasswordAsync(user, password) is { } wrong)
        {
            return (null, wrong);
        }
        var lifetime = days ?? DefaultTokenDays;
        if (lifetime is < 1 or > MaxTokenDays)
        {
            return (null, new FieldProblem("TokenDays", $"A token lasts from 1 to {MaxTokenDays} days."));
        }
        var label = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (label.Length > Hearth.Content.FieldLengths.Label || label.Any(char.IsControl))
        {
            return (null, new FieldProblem("TokenName", $"A token's name is at most {Hearth.Content.FieldLengths.Label} characters, without line breaks."));
        }
        var token = await tokens.CreateAsync(user.Id, label, clock.GetUtcNow().AddDays(lifetime));
        await audit.RecordAsync(user.Id, "token-created", user.Id, $"{label}, {lifetime} days");
        return (token, null);
    }

    public async Task RevokeTokenAsync(HearthUser user, int tokenId)
    {
        if (await tokens.RevokeAsync(user.Id, tokenId))
        {
            await audit.RecordAsync(user.Id, "token-revoked", user.Id);
        }
    }

    /// <summary>
    /// Deletes the account and everything that is the person's: answers, journal, shares, sessions (cascades),
    /// a facilitator's notes and what was shared with them. Audit entries stay, without anything that names them.
    /// </summary>
    public async Task<FieldProblem?> DeleteAsync(HearthUser user, string? password, string? confirm)
    {
        if (await CheckPasswordAsync(user, password) is { } wrong)
        {
            return wrong;
        }
        if (confirm?.Trim() != "DELETE")
        {
            return new FieldProblem("Confirm", "Type DELETE (in capitals) to confirm.");
        }
        if (await people.IsLastAdministratorAsync(user.Id))
        {
            return new FieldProblem("Confirm", "You are the only administrator. Make someone else an administrator before deleting your account.");
        }
        if (!await deletion.DeleteAsync(user))
        {
            return new FieldProblem("Confirm", "The account could not be deleted. Please try again.");
        }
        await signIn.SignOutAsync();
        return null;
    }
}
