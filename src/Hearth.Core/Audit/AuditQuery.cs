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
        var total = await entries.CountAsync(cancellationToken);
        var number = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await entries.OrderByDescending(a => a.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.At,
                Actor = db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? a.ActorId,
                a.Action,
                Subject = db.Users.Where(u => u.Id == a.SubjectUserId).Select(u => u.DisplayName).FirstOrDefault(),
                a.Details,
            }).ToListAsync(cancellationToken);
        return new Page<AuditRow>([.. rows.Select(r => new AuditRow(r.At, r.Actor, r.Action, r.Subject, r.Details))], total, number, PageSize);
    }
}
