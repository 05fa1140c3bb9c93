using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hearth.Core.Persistence;

// Used by `dotnet ef migrations add` only; the app configures the contexts itself.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHearthDbContext>
{
    public SqliteHearthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHearthDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHearthDbContext>
{
    public PostgresHearthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHearthDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
