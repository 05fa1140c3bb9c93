using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hearth.Core.Persistence;

/// <summary>
/// A plain ADO.NET read on the context's connection and transaction, for the few reads of hundreds of
/// thousands or millions of rows (the dashboards' answers and people) where EF's per-row materialisation
/// is most of the time. The SQL must be the same on SQLite and PostgreSQL: quoted names, @parameters.
/// </summary>
public static class RawQuery
{
    /// <summary>A moment as either database keeps it: PostgreSQL a timestamp, SQLite the 64-bit number EF writes there (see HearthDbContext).</summary>
    public static DateTimeOffset Moment(DbDataReader reader, int column) =>
        reader.GetFieldType(column) == typeof(long)
            ? (DateTimeOffset)HearthDbContext.SqliteMoments.ConvertFromProvider(reader.GetInt64(column))!
            : reader.GetFieldValue<DateTimeOffset>(column);

    public static async Task ReadAsync(HearthDbContext db, string sql, IReadOnlyList<(string Name, object Value)> parameters,
        Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                row(reader);
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
