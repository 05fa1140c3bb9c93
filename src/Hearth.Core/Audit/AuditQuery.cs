using Hearth.Core.Accounts;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Audit;

public sealed record AuditRow(DateTimeOffset At, string? Actor, string Action, string? Subject, string? Details);

/// <summary>The audit log for administrators: newest first, a page at a time, filtered by action and by the person who acted or was acted on.</summary>
public sealed class AuditQuery(HearthDbContext db)
{
    public const int PageSize = 50;

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);

    public async Task<Page<AuditRow>> PageAsync(string? action, string? person, int page, CancellationToken cancellationToken = default)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            entries = entries.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(person))
        {
            var ids = People.Matching(db.Users, person).Select(u => u.Id);
            entries = entries.Where(a => ids.Contains(a.ActorId!) || ids.Contains(a.SubjectUserId!));
        }
        return await entries.OrderByDescending(a => a.Id)
            .Select(a => new AuditRow(
                a.At,
                db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? a.ActorId,
                a.Action,
                db.Users.Where(u => u.Id == a.SubjectUserId).Select(u => u.DisplayName).FirstOrDefault(),
                a.Details))
            .ToPageAsync(page, PageSize, cancellationToken);
    }
}
