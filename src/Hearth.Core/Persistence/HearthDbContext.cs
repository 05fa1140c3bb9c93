using Hearth.Core.Journal;
using Hearth.Core.Measurements;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Persistence;

/// <summary>
/// Hearth's database: identity, organisation and measurements. The same model runs on SQLite (the
/// default, a file) and PostgreSQL; each provider has its own migrations (<see cref="SqliteHearthDbContext"/>,
/// <see cref="PostgresHearthDbContext"/>).
/// </summary>
public class HearthDbContext(DbContextOptions options) : IdentityDbContext<HearthUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that encrypt cookies and journal entries, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<CrisisResource> CrisisResources => Set<CrisisResource>();
    public DbSet<InstrumentChoice> InstrumentChoices => Set<InstrumentChoice>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<Measurement> Measurements => Set<Measurement>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Organisation>(e => e.Property(o => o.Name).HasMaxLength(200));
        builder.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(200);
            e.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<HearthUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.Property(i => i.Email).HasMaxLength(256);
            e.Property(i => i.TokenHash).HasMaxLength(64);
            e.Property(i => i.Roles).HasMaxLength(200);
        });
        builder.Entity<CrisisResource>(e => e.Property(c => c.Name).HasMaxLength(200));
        builder.Entity<InstrumentChoice>(e =>
        {
            e.HasKey(c => c.InstrumentId);
            e.Property(c => c.InstrumentId).HasMaxLength(64);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.At);
            e.Property(a => a.Action).HasMaxLength(100);
        });
        builder.Entity<PersonalAccessToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.Property(t => t.Name).HasMaxLength(100);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Measurement>(e =>
        {
            e.HasIndex(m => new { m.UserId, m.InstrumentId, m.SubmittedAt });
            e.Property(m => m.InstrumentId).HasMaxLength(64);
            e.Property(m => m.InstrumentVersion).HasMaxLength(32);
            e.Property(m => m.SafetyRules).HasMaxLength(400);
            e.HasMany(m => m.Scores).WithOne().HasForeignKey(s => s.MeasurementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<JournalEntry>(e =>
        {
            e.HasIndex(j => new { j.UserId, j.CreatedAt });
            e.HasOne<HearthUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<MeasurementScore>(e =>
        {
            e.Property(s => s.ScoreId).HasMaxLength(64);
            e.Property(s => s.Band).HasMaxLength(64);
        });

        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset; store it as a 64-bit number. Hearth writes
            // UTC values only (offset 0), for which that number sorts in time order.
            foreach (var entity in builder.Model.GetEntityTypes())
            {
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                {
                    property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
                }
            }
        }
    }
}

/// <summary>The SQLite flavour, so that its migrations live apart from PostgreSQL's.</summary>
public sealed class SqliteHearthDbContext(DbContextOptions<SqliteHearthDbContext> options) : HearthDbContext(options);

/// <summary>The PostgreSQL flavour.</summary>
public sealed class PostgresHearthDbContext(DbContextOptions<PostgresHearthDbContext> options) : HearthDbContext(options);
