using Hearth.Core.Organisations;
using Hearth.Core.Persistence;

namespace Hearth.Core.Audit;

public static class AuditTrail
{
    /// <summary>
    /// Adds an audit entry to the pending changes, so it is written with the change it describes: the same
    /// save, the same transaction. A change is never committed without its entry, nor an entry without it.
    /// </summary>
    public static void AddAudit(this HearthDbContext db, TimeProvider clock, string? actorId, string action, string? subjectUserId = null, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), ActorId = actorId, Action = action, SubjectUserId = subjectUserId, Details = details });
}
