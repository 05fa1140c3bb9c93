using Hearth.Core.Localization;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

public sealed record PersonRow(string Id, string DisplayName, string? Email, bool Active, string? Profession, string? Site);

/// <summary>
/// The administrator's view of the people in the organisation: found by name or address a page at a time
/// (an organisation of thousands is never loaded whole), and deactivated or reactivated.
/// </summary>
public sealed class People(HearthDbContext db, UserManager<HearthUser> users, Audit.AuditLog audit)
{
    public const int PageSize = 50;

    private static readonly System.Linq.Expressions.Expression<Func<HearthUser, PersonRow>> Row =
        u => new PersonRow(u.Id, u.DisplayName, u.Email, u.Active, u.Profession, u.Site);

    public async Task<Page<PersonRow>> SearchAsync(string? text, int page, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            query = Matching(query, text);
        }
        return await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(Row).ToPageAsync(page, PageSize, cancellationToken);
    }

    public Task<PersonRow?> FindAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(Row).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// People whose name or address contains the text, case-insensitively on SQLite and PostgreSQL alike
    /// (both compared upper-cased; the text's own % and _ are dropped, not taken as wildcards).
    /// </summary>
    public static IQueryable<HearthUser> Matching(IQueryable<HearthUser> people, string text)
    {
        var pattern = $"%{text.Trim().ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)}%";
        return people.Where(u => EF.Functions.Like(u.DisplayName.ToUpper(), pattern) || EF.Functions.Like(u.NormalizedEmail!, pattern));
    }

    /// <summary>True when the person is the only active administrator: the organisation needs one.</summary>
    public async Task<bool> IsLastAdministratorAsync(string userId, CancellationToken cancellationToken = default)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        return admins.Any(a => a.Id == userId) && admins.Count(a => a.Active) <= 1;
    }

    /// <returns>What stops the change, or null when it was made.</returns>
    public async Task<string?> SetActiveAsync(string administratorId, string userId, bool active, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.Id == administratorId)
        {
            return ProblemText.Get("Accounts.CannotChangeOwn");
        }
        if (!active && await IsLastAdministratorAsync(user.Id, cancellationToken))
        {
            return ProblemText.Get("Accounts.LastAdministrator");
        }
        user.Active = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        if (!active)
        {
            await SignInSessions.EndAllAsync(db, user.Id); // their open sessions end now, on every instance
        }
        await audit.RecordAsync(administratorId, active ? "reactivate" : "deactivate", user.Id, user.Email);
        return null;
    }
}
