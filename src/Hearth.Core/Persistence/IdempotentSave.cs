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
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Only a duplicate key is the harmless race; a locked database or a broken reference is a real failure.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
