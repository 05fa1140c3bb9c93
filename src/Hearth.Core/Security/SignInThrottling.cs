using System.Net;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Security;

/// <summary>
/// Failed sign-ins are counted per account <em>and</em> client address: five wrong passwords or codes
/// within 15 minutes lock that account for that address only, for 15 minutes. Someone who knows a
/// colleague's address can lock themselves out, never the colleague at their own computer. Guessing
/// across many addresses is slowed by the per-address rate limit on the sign-in form, and a 12-character
/// minimum password leaves it hopeless.
/// </summary>
public sealed class SignInThrottling(HearthDbContext db, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    public async Task<bool> IsLockedAsync(string userId, IPAddress? address, CancellationToken cancellationToken = default) =>
        await db.SignInThrottles.AsNoTracking().FirstOrDefaultAsync(t => t.Key == KeyOf(userId, address), cancellationToken) is { LockedUntil: { } until }
        && until > clock.GetUtcNow();

    /// <returns>True when this failure locked the account for this address.</returns>
    public async Task<bool> RecordFailureAsync(string userId, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(userId, address);
        var now = clock.GetUtcNow();
        var row = await db.SignInThrottles.FirstOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (row is null)
        {
            row = new SignInThrottle { Key = key, WindowStartedAt = now };
            db.SignInThrottles.Add(row);
        }
        if (now - row.WindowStartedAt > Window)
        {
            row.WindowStartedAt = now;
            row.Failures = 0;
            row.LockedUntil = null;
        }
        row.Failures++;
        var locked = row.Failures >= MaxFailures && row.LockedUntil is null;
        if (locked)
        {
            row.LockedUntil = now + LockFor;
        }
        // Two first failures at once race to insert the row; the loser's count is dropped, which only errs toward the person.
        await db.SaveIgnoringDuplicateAsync(cancellationToken);
        return locked;
    }

    public Task ResetAsync(string userId, IPAddress? address, CancellationToken cancellationToken = default) =>
        db.SignInThrottles.Where(t => t.Key == KeyOf(userId, address)).ExecuteDeleteAsync(cancellationToken);

    private static string KeyOf(string userId, IPAddress? address) =>
        TokenHash.Of($"{userId}|{ClientAddress.KeyOf(address)}");
}
