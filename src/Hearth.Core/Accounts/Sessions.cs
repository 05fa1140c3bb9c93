using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>Ending signed-in sessions, which live in the database (the cookie holds only a session's key).</summary>
public static class Sessions
{
    /// <summary>Ends every session of one person (password reset, deactivation), or every one but <paramref name="except"/>.</summary>
    public static Task EndAllAsync(HearthDbContext db, string userId, string? except = null) =>
        db.AuthSessions.Where(s => s.UserId == userId && s.Id != except).ExecuteDeleteAsync();
}
