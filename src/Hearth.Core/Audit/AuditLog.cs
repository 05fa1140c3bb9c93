using Hearth.Core.Persistence;

namespace Hearth.Core.Audit;

/// <summary>Records administrative actions and every read of personal data by someone other than its owner.</summary>
public sealed class AuditLog(HearthDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(string? actorId, string action, string? subjectUserId = null, string? details = null)
    {
        db.AddAudit(clock, actorId, action, subjectUserId, details);
        await db.SaveChangesAsync();
    }
}
