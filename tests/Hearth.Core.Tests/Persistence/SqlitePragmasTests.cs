using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Persistence;

/// <summary>
/// The SQLite settings are made once per native connection and then kept while the pool lends it out again: every
/// context the app's factory gives, the first and the ones after, must still see them.
/// </summary>
public class SqlitePragmasTests
{
    [Fact]
    public async Task Every_context_from_the_pool_sees_the_settings_made_when_its_connection_was_first_opened()
    {
        var folder = Directory.CreateTempSubdirectory("hearth-pragmas-").FullName;
        try
        {
            await using var services = new ServiceCollection().AddHearthDatabase(Database.SqliteConnectionString(folder)).BuildServiceProvider();
            var contexts = services.GetRequiredService<Func<HearthDbContext>>();
            await using (var first = contexts())
            {
                await Database.MigrateAsync(first);
            }
            for (var round = 0; round < 3; round++)
            {
                await using var db = contexts();
                await db.Database.OpenConnectionAsync();
                Assert.Equal(1L, await Pragma(db, "synchronous")); // NORMAL
                Assert.Equal(10000L, await Pragma(db, "busy_timeout"));
                Assert.Equal(1L, await Pragma(db, "secure_delete"));
                Assert.Equal(1L, await Pragma(db, "foreign_keys"));
                Assert.Equal("wal", await PragmaText(db, "journal_mode"));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<object?> Read(HearthDbContext db, string pragma)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long> Pragma(HearthDbContext db, string pragma) => Convert.ToInt64(await Read(db, pragma), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?> PragmaText(HearthDbContext db, string pragma) => (await Read(db, pragma))?.ToString();
}
