using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Persistence;

/// <summary>Chooses the provider: PostgreSQL when the connection string says so, otherwise a SQLite file.</summary>
public static class Database
{
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers <see cref="HearthDbContext"/> (scoped) for the provider the connection string names,
    /// and a factory of fresh contexts (<c>Func&lt;HearthDbContext&gt;</c>) for background writers.
    /// Contexts come from a pool and go back to it, reset, when disposed: building one from scratch (its options,
    /// its internal services) cost more than the query it ran on the busiest path, a request's session lookup.
    /// </summary>
    public static IServiceCollection AddHearthDatabase(this IServiceCollection services, string connectionString)
    {
        if (IsPostgres(connectionString))
        {
            connectionString = PostgresTuned(connectionString);
            services.AddPooledDbContextFactory<PostgresHearthDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<Func<HearthDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<PostgresHearthDbContext>>().CreateDbContext);
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteHearthDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance));
            services.AddSingleton<Func<HearthDbContext>>(sp => sp.GetRequiredService<IDbContextFactory<SqliteHearthDbContext>>().CreateDbContext);
        }
        services.AddScoped(sp => sp.GetRequiredService<Func<HearthDbContext>>()());
        return services;
    }

    /// <summary>
    /// Two Npgsql settings for a server Hearth alone uses, unless the connection string sets them itself:
    /// <list type="bullet">
    /// <item><c>No Reset On Close</c>: a pooled connection is not reset (RESET ALL, CLOSE ALL, UNLISTEN and more,
    /// parsed and run by the server) each time it is taken again. Hearth leaves nothing on a session to reset: no
    /// SET, temporary table, advisory lock or LISTEN; a request opens a connection two or three times.</item>
    /// <item><c>Max Auto Prepare</c>: a statement run often on a connection is prepared there, so the server parses
    /// and plans a request's queries once per connection, not every time.</item>
    /// </list>
    /// Together they were most of the database server's CPU per check-in (bench/README.md).
    /// </summary>
    public static string PostgresTuned(string connectionString)
    {
        // What the string itself names (Npgsql's own builder answers "is this a keyword", not "is it set").
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }
        return builder.ConnectionString;
    }

    public const string SqliteFileName = "hearth.db";

    /// <summary>
    /// The SQLite connection string for a data directory: the file hearth.db inside it. Each pooled connection
    /// keeps its own page cache. A shared cache would lock table by table inside the process, and such a lock
    /// ignores busy_timeout: a reader and a writer that each wait on the other's table spin until the 30 s
    /// command timeout. With private caches, the write-ahead log lets readers go on while one writer waits
    /// its turn through busy_timeout.
    /// </summary>
    public static string SqliteConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, SqliteFileName)};Foreign Keys=True";

    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public static async Task MigrateAsync(HearthDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work at once; the default journal serialises them.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
