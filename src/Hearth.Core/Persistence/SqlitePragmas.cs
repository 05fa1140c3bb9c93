using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hearth.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings. With the write-ahead log, synchronous=NORMAL keeps every committed
/// transaction through an application crash (only an operating-system crash or power loss can lose
/// the last moments); busy_timeout makes a reader wait for the writer instead of failing; secure_delete
/// overwrites deleted rows with zeros, so a deleted journal entry or account does not linger in the file.
/// The settings belong to the native connection, which Microsoft.Data.Sqlite keeps in its pool between opens: each
/// one is set up once, not on every open (every signed-in request opens one to look up its session).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";

    private static readonly ConditionalWeakTable<object, object> SetUp = [];

    private static bool IsSetUp(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && SetUp.TryGetValue(handle, out _);

    private static void MarkSetUp(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SetUp.AddOrUpdate(handle, SetUp);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsSetUp(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkSetUp(connection);
    }

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SetUpAsync(connection, cancellationToken);

    /// <summary>Sets a connection opened outside EF Core (see <see cref="Accounts.SessionLookup"/>) up as EF's are.</summary>
    public static async Task SetUpAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (IsSetUp(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkSetUp(connection);
    }
}
