using System.Security.Claims;

namespace Hearth.Core.Accounts;

/// <summary>Who is asking, read one way everywhere: the account id the sign-in put in the claims.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in person's account id; only for code behind an authorization check.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no signed-in person: this code must sit behind an authorization check");

    /// <summary>The account id, or null for a visitor.</summary>
    public static string? UserIdOrNull(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);
}
