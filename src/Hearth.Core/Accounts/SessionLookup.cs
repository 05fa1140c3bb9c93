using System.Data.Common;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Accounts;

/// <summary>
/// Reads one sign-in session's ticket by its key: the one query every signed-in request makes. Through EF Core
/// it cost a sixth of a check-in's CPU: leasing a context, EF's query pipeline and, on SQLite, EF registering its
/// SQL functions on every open. Here it is one plain command on a pooled connection; on PostgreSQL the statement is
/// prepared, which Npgsql keeps on each pooled connection, so the server plans it once per connection. The
/// database is still asked every time, so a session deleted on any instance (signing out) stops working at once.
/// </summary>
internal sealed class SessionLookup
{
    private readonly DbProviderFactory _provider;
    private readonly string _connectionString;
    private readonly bool _sqlite;
    private readonly string _sql;

    public SessionLookup(HearthDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        _provider = DbProviderFactories.GetFactory(connection) ?? throw new InvalidOperationException("the database provider has no ADO.NET factory");
        (_connectionString, _sqlite) = (db.Database.GetConnectionString()!, db.Database.IsSqlite());
        // Named as the model maps them, so the lookup follows the migrations.
        var entity = db.Model.FindEntityType(typeof(AuthSession))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        _sql = $"SELECT {Column(nameof(AuthSession.Ticket))}, {Column(nameof(AuthSession.ExpiresAt))} FROM \"{table.Name}\" WHERE {Column(nameof(AuthSession.Id))} = @key";
    }

    /// <summary>The session's ticket and when it runs out, or null when there is no such session.</summary>
    public async Task<(byte[] Ticket, DateTimeOffset? ExpiresAt)?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = _provider.CreateConnection()!;
        connection.ConnectionString = _connectionString;
        await connection.OpenAsync(cancellationToken);
        if (_sqlite)
        {
            await SqlitePragmas.SetUpAsync(connection, cancellationToken); // once per pooled native connection, as EF's are set up
        }
        await using var command = connection.CreateCommand();
        command.CommandText = _sql;
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.DbType, parameter.Value) = ("@key", System.Data.DbType.String, key);
        command.Parameters.Add(parameter);
        if (!_sqlite)
        {
            await command.PrepareAsync(cancellationToken); // found already prepared on a connection that ran it before
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? ((byte[])reader.GetValue(0), reader.IsDBNull(1) ? null : RawQuery.Moment(reader, 1))
            : null;
    }
}
