using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Persistence;

public static class IdempotentSave
{
    /// <summary>
    /// Saves a tick, an offer or a share. The same request twice at once (a double click) can race to
    /// insert the same row; the unique index refuses the second, which then already has what it asked for.
    /// </summary>
    public static async Task SaveIgnoringDuplicateAsync(this HearthDbContext db, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }
}
