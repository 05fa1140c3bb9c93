namespace Hearth.Core.Organisations;

/// <summary>
/// A signed-in browser session. The cookie holds only this record's key; the ticket lives here, so that
/// signing out (or deleting the account) ends the session on the server even if the cookie was copied.
/// </summary>
public sealed class AuthSession : Rules.IOwnedByUser
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>
/// Failed sign-ins of one account from one client address. Lockout is per (account, address), so that
/// someone who knows an address cannot lock its owner out from elsewhere.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 of the account id and the client address; neither is stored in the clear.</summary>
    public required string Key { get; set; }
    public int Failures { get; set; }
    public DateTimeOffset WindowStartedAt { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
}
