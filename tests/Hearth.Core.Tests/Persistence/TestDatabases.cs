using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hearth.Core.Tests.Persistence;

/// <summary>
/// The databases the data layer is tested on: a fresh SQLite file always, and PostgreSQL when
/// HEARTH_TEST_POSTGRES holds a connection string (.ci/run starts a server and sets it). On CI the
/// PostgreSQL cases are always generated, so a missing server fails loudly instead of skipping.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { Sqlite };
        if (Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES") is { Length: > 0 } || Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            data.Add(Postgres);
        }
        return data;
    }

    /// <summary>A migrated, empty database of the given provider; dispose to drop it.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        HearthDbContext db;
        if (provider == Postgres)
        {
            var baseConnection = Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
                ?? throw new InvalidOperationException("HEARTH_TEST_POSTGRES is not set: PostgreSQL tests need a server (.ci/run starts one)");
            var builder = new NpgsqlConnectionStringBuilder(baseConnection) { Database = $"hearth_test_{Guid.NewGuid():N}" };
            db = new PostgresHearthDbContext(new DbContextOptionsBuilder<PostgresHearthDbContext>().UseNpgsql(builder.ConnectionString).Options);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"hearth-test-{Guid.NewGuid():N}.db");
            db = new SqliteHearthDbContext(new DbContextOptionsBuilder<SqliteHearthDbContext>().UseSqlite($"Data Source={file};Foreign Keys=True").Options);
        }
        await Database.MigrateAsync(db);
        return new TestDatabase(db);
    }
}

public sealed class TestDatabase(HearthDbContext db) : IAsyncDisposable
{
    public HearthDbContext Db { get; } = db;

    /// <summary>A second context on the same database, so reads do not come from the first one's cache.</summary>
    public HearthDbContext Fresh()
    {
        var connection = Db.Database.GetConnectionString()!;
        return Db.Database.IsNpgsql()
            ? new PostgresHearthDbContext(new DbContextOptionsBuilder<PostgresHearthDbContext>().UseNpgsql(connection).Options)
            : new SqliteHearthDbContext(new DbContextOptionsBuilder<SqliteHearthDbContext>().UseSqlite(connection).Options);
    }

    /// <summary>Adds people (id, user name and e-mail all made from the id) and saves them.</summary>
    public async Task AddPeopleAsync(params IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            Db.Users.Add(new Hearth.Core.Organisations.HearthUser { Id = id, UserName = id, Email = $"{id}@test.example", DisplayName = id });
        }
        await Db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Db.Database.EnsureDeletedAsync();
        await Db.DisposeAsync();
    }
}
