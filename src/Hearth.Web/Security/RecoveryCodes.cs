using System.Security.Cryptography;
using Hearth.Core.Organisations;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

/// <summary>
/// One-time codes that stand in for the authenticator app when the phone is lost. Shown once; only
/// their SHA-256 hashes are stored (Identity's own store keeps them in the clear), and each works once.
/// </summary>
public sealed class RecoveryCodes(UserManager<HearthUser> users)
{
    public const int Count = 10;
    private const string Provider = "Hearth";
    private const string Name = "RecoveryCodeHashes";

    /// <summary>Replaces any earlier codes with ten new ones and returns them (the only time they are readable).</summary>
    public async Task<IReadOnlyList<string>> GenerateAsync(HearthUser user)
    {
        var codes = Enumerable.Range(0, Count).Select(_ => New()).ToList();
        await users.SetAuthenticationTokenAsync(user, Provider, Name, string.Join(';', codes.Select(c => TokenHash.Of(Normalise(c)))));
        return codes;
    }

    public async Task<int> RemainingAsync(HearthUser user) =>
        (await users.GetAuthenticationTokenAsync(user, Provider, Name))?.Split(';', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;

    /// <returns>True when the code was one of the person's unused codes; it is used up.</returns>
    public async Task<bool> RedeemAsync(HearthUser user, string? code)
    {
        var normalised = Normalise(code ?? "");
        if (normalised.Length == 0)
        {
            return false;
        }
        var stored = (await users.GetAuthenticationTokenAsync(user, Provider, Name))?.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
        if (!stored.Remove(TokenHash.Of(normalised)))
        {
            return false;
        }
        var saved = await users.SetAuthenticationTokenAsync(user, Provider, Name, string.Join(';', stored));
        return saved.Succeeded;
    }

    public Task RemoveAllAsync(HearthUser user) => users.RemoveAuthenticationTokenAsync(user, Provider, Name);

    /// <summary>Ten characters from an alphabet without look-alikes, shown as two groups of five.</summary>
    private static string New()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 10).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }

    private static string Normalise(string code) => new([.. code.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
}
