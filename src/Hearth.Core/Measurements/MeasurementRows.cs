using System.Data.Common;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hearth.Core.Measurements;

/// <summary>
/// Inserts a batch of new measurements and their scores in one transaction with plain commands. This is the
/// group-commit writer's road: EF Core's change tracking, command ordering and batching cost about as much CPU per
/// row as everything else a check-in does together, and here there is nothing to track or order (new rows of two
/// tables, parents first). Tables, columns and value conversions are read from the EF model, so the commands
/// follow the model and its migrations; the ids the database gives are set on the entities, as SaveChanges would.
/// </summary>
internal static class MeasurementRows
{
    public static async Task InsertAsync(HearthDbContext db, IReadOnlyList<Measurement> batch, CancellationToken cancellationToken = default)
    {
        var measurements = InsertCommand.For(db, typeof(Measurement));
        var scores = InsertCommand.For(db, typeof(MeasurementScore));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var ids = await measurements.RunAsync(connection, transaction.GetDbTransaction(), batch, cancellationToken);
            var allScores = new List<MeasurementScore>();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Id = ids[i];
                foreach (var score in batch[i].Scores)
                {
                    score.MeasurementId = ids[i];
                    allScores.Add(score);
                }
            }
            var scoreIds = await scores.RunAsync(connection, transaction.GetDbTransaction(), allScores, cancellationToken);
            for (var i = 0; i < allScores.Count; i++)
            {
                allScores[i].Id = scoreIds[i];
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One table's INSERT … RETURNING of its generated key, with the columns' value conversions.</summary>
    private sealed class InsertCommand(string sql, IProperty[] columns, Func<object?, object?>[] toProvider)
    {
        private static readonly Dictionary<(IModel, Type), InsertCommand> Cache = [];
        private static readonly Lock CacheLock = new();

        public static InsertCommand For(HearthDbContext db, Type clrType)
        {
            lock (CacheLock)
            {
                if (!Cache.TryGetValue((db.Model, clrType), out var command))
                {
                    command = Build(db, clrType);
                    Cache[(db.Model, clrType)] = command;
                }
                return command;
            }
        }

        private static InsertCommand Build(HearthDbContext db, Type clrType)
        {
            var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not in the model");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var columns = entity.GetProperties().Where(p => p != key).ToArray();
            if (columns.Any(p => p.IsShadowProperty()))
            {
                throw new InvalidOperationException($"{clrType.Name} has a shadow property: its rows need EF Core");
            }
            var sql = db.GetService<ISqlGenerationHelper>();
            var names = string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
            var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values}) RETURNING {sql.DelimitIdentifier(key.GetColumnName(table)!)}";
            var conversions = columns.Select(p => p.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider : (Func<object?, object?>)(v => v)).ToArray();
            return new InsertCommand(text, columns, conversions);
        }

        /// <summary>Inserts the rows in order and returns their keys in the same order.</summary>
        public async Task<long[]> RunAsync<T>(DbConnection connection, DbTransaction transaction, IReadOnlyList<T> rows, CancellationToken cancellationToken)
            where T : class
        {
            var ids = new long[rows.Count];
            if (rows.Count == 0)
            {
                return ids;
            }
            if (connection.CanCreateBatch)
            {
                // One round trip for the whole batch where the provider can send several statements at once (PostgreSQL).
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var row in rows)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = sql;
                    Bind(row, command.Parameters, command.CreateParameter);
                    batch.BatchCommands.Add(command);
                }
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                for (var i = 0; i < rows.Count; i++)
                {
                    await reader.ReadAsync(cancellationToken);
                    ids[i] = reader.GetInt64(0);
                    await reader.NextResultAsync(cancellationToken);
                }
                return ids;
            }
            // One prepared statement run once per row, its parameters given each row's values (SQLite, in process:
            // a round trip costs nothing).
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = sql;
            for (var i = 0; i < rows.Count; i++)
            {
                Bind(rows[i], single.Parameters, single.CreateParameter);
                ids[i] = Convert.ToInt64(await single.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            return ids;
        }

        /// <summary>Sets the parameters to the row's values, creating them the first time.</summary>
        private void Bind(object row, DbParameterCollection parameters, Func<DbParameter> create)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                if (c == parameters.Count)
                {
                    var parameter = create();
                    parameter.ParameterName = $"@p{c}";
                    parameters.Add(parameter);
                }
                parameters[c].Value = toProvider[c](columns[c].GetGetter().GetClrValue(row)) ?? DBNull.Value;
            }
        }
    }
}
