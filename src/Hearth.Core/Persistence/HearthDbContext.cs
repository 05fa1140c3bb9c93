using Hearth.Content;
using Hearth.Core.Cohorts;
using Hearth.Core.Journal;
using Hearth.Core.Practice;
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
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<CohortSession> CohortSessions => Set<CohortSession>();
    public DbSet<CohortParticipant> CohortParticipants => Set<CohortParticipant>();
    public DbSet<SessionParticipation> SessionParticipations => Set<SessionParticipation>();
    public DbSet<HomeworkCompletion> HomeworkCompletions => Set<HomeworkCompletion>();
    public DbSet<SharedReflection> SharedReflections => Set<SharedReflection>();
    public DbSet<SharedMeasurement> SharedMeasurements => Set<SharedMeasurement>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<PracticeLogEntry> PracticeLog => Set<PracticeLogEntry>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<Studies.Study> Studies => Set<Studies.Study>();
    public DbSet<Studies.StudyArm> StudyArms => Set<Studies.StudyArm>();
    public DbSet<Studies.StudyParticipant> StudyParticipants => Set<Studies.StudyParticipant>();
    public DbSet<Studies.ConsentVersion> ConsentVersions => Set<Studies.ConsentVersion>();
    public DbSet<Studies.StudyWave> StudyWaves => Set<Studies.StudyWave>();
    public DbSet<Studies.StudyWaveResponse> StudyWaveResponses => Set<Studies.StudyWaveResponse>();
    public DbSet<Studies.WaveLink> WaveLinks => Set<Studies.WaveLink>();
    public DbSet<Studies.StudyInvitation> StudyInvitations => Set<Studies.StudyInvitation>();
    public DbSet<Insights.InsightView> InsightViews => Set<Insights.InsightView>();
    public DbSet<Insights.InsightPeopleSnapshot> InsightPeopleSnapshots => Set<Insights.InsightPeopleSnapshot>();
    public DbSet<Insights.TeamMonth> TeamMonths => Set<Insights.TeamMonth>();
    public DbSet<Insights.OrganisationalChange> OrganisationalChanges => Set<Insights.OrganisationalChange>();
    public DbSet<Insights.PeopleChanges> PeopleChanges => Set<Insights.PeopleChanges>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(FieldLengths.Name);
            e.Property(o => o.DefaultLanguage).HasMaxLength(Languages.MaxLength);
        });
        builder.Entity<Team>(e =>
        {
            e.Property(t => t.Name).HasMaxLength(FieldLengths.Name);
            e.HasOne(t => t.Parent).WithMany().HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<HearthUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(FieldLengths.Name);
            e.Property(u => u.Profession).HasMaxLength(FieldLengths.Label);
            e.Property(u => u.Site).HasMaxLength(FieldLengths.Label);
            e.Property(u => u.Language).HasMaxLength(Languages.MaxLength);
            e.HasOne(u => u.Team).WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Invitation>(e =>
        {
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.Property(i => i.Email).HasMaxLength(FieldLengths.Email);
            e.Property(i => i.TokenHash).HasMaxLength(FieldLengths.Hash);
            e.Property(i => i.Roles).HasMaxLength(200);
        });
        builder.Entity<CrisisResource>(e => e.Property(c => c.Name).HasMaxLength(FieldLengths.Name));
        builder.Entity<InstrumentChoice>(e =>
        {
            e.HasKey(c => c.InstrumentId);
            e.Property(c => c.InstrumentId).HasMaxLength(FieldLengths.Id);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.At);
            e.Property(a => a.Action).HasMaxLength(FieldLengths.Label);
        });
        builder.Entity<PersonalAccessToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.Property(t => t.TokenHash).HasMaxLength(FieldLengths.Hash);
            e.Property(t => t.Name).HasMaxLength(FieldLengths.Label);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AuthSession>(e =>
        {
            e.Property(a => a.Id).HasMaxLength(FieldLengths.Hash);
            e.HasIndex(a => a.UserId);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SignInThrottle>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(FieldLengths.Hash);
        });
        builder.Entity<Measurement>(e =>
        {
            e.HasIndex(m => new { m.UserId, m.InstrumentId, m.SubmittedAt });
            e.Property(m => m.InstrumentId).HasMaxLength(FieldLengths.Id);
            e.Property(m => m.InstrumentVersion).HasMaxLength(FieldLengths.Version);
            e.Property(m => m.SafetyRules).HasMaxLength(400);
            e.HasMany(m => m.Scores).WithOne().HasForeignKey(s => s.MeasurementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<JournalEntry>(e =>
        {
            e.HasIndex(j => new { j.UserId, j.CreatedAt });
            e.HasOne<HearthUser>().WithMany().HasForeignKey(j => j.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        OnCohortsCreating(builder);
        Hearth.Core.Studies.StudyModel.Configure(builder);
        Insights.InsightView.Configure(builder);
        Insights.InsightPeopleSnapshot.Configure(builder);
        Insights.TeamMonth.Configure(builder);
        Insights.OrganisationalChange.Configure(builder);
        Insights.PeopleChanges.Configure(builder);
        builder.Entity<MeasurementScore>(e =>
        {
            e.Property(s => s.ScoreId).HasMaxLength(FieldLengths.Id);
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
                    property.SetValueConverter(SqliteMoments);
                }
            }
        }
    }

    /// <summary>How SQLite keeps a moment (see OnModelCreating); plain reads that bypass EF decode with it too.</summary>
    internal static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter SqliteMoments = new();

    private static void OnCohortsCreating(ModelBuilder builder)
    {
        builder.Entity<Cohort>(e =>
        {
            e.Property(c => c.ProgramId).HasMaxLength(FieldLengths.Id);
            e.Property(c => c.ProgramVersion).HasMaxLength(FieldLengths.Version);
            e.Property(c => c.Name).HasMaxLength(FieldLengths.Name);
            e.Property(c => c.TimeZone).HasMaxLength(FieldLengths.Id);
            e.Property(c => c.Place).HasMaxLength(FieldLengths.Place);
            e.Property(c => c.VideoLink).HasMaxLength(FieldLengths.Link);
            e.Property(c => c.Language).HasMaxLength(Languages.MaxLength);
            e.HasIndex(c => c.FacilitatorId);
            e.HasIndex(c => new { c.OwnerId, c.ProgramId }).IsUnique();
            e.HasOne<HearthUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(c => c.FacilitatorId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.CohortId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Participants).WithOne().HasForeignKey(p => p.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CohortSession>(e =>
        {
            e.HasIndex(s => new { s.CohortId, s.Number }).IsUnique();
            e.HasIndex(s => s.StartsAt);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(s => s.PresenterId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<CohortParticipant>(e =>
        {
            e.HasIndex(p => new { p.CohortId, p.UserId }).IsUnique();
            e.HasIndex(p => p.UserId);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SessionParticipation>(e =>
        {
            e.HasIndex(p => new { p.SessionId, p.UserId }).IsUnique();
            e.HasOne<CohortSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<HomeworkCompletion>(e =>
        {
            e.HasIndex(h => new { h.SessionId, h.UserId, h.HomeworkIndex }).IsUnique();
            e.HasOne<CohortSession>().WithMany().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(h => h.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SharedReflection>(e =>
        {
            e.HasIndex(r => new { r.JournalEntryId, r.CohortId }).IsUnique();
            e.HasIndex(r => r.CohortId);
            e.HasOne<JournalEntry>().WithMany().HasForeignKey(r => r.JournalEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Cohort>().WithMany().HasForeignKey(r => r.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SharedMeasurement>(e =>
        {
            e.HasIndex(r => new { r.MeasurementId, r.CohortId }).IsUnique();
            e.HasIndex(r => r.CohortId);
            e.HasOne<Measurement>().WithMany().HasForeignKey(r => r.MeasurementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Cohort>().WithMany().HasForeignKey(r => r.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CalendarFeed>(e =>
        {
            e.HasIndex(f => f.TokenHash).IsUnique();
            e.Property(f => f.TokenHash).HasMaxLength(FieldLengths.Hash);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ReminderDelivery>(e =>
        {
            e.HasIndex(r => r.Key).IsUnique();
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.ClaimedBy).HasMaxLength(100);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<PracticeLogEntry>(e =>
        {
            e.HasIndex(p => new { p.UserId, p.Date });
            e.Property(p => p.Kind).HasMaxLength(50);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>The SQLite flavour, so that its migrations live apart from PostgreSQL's.</summary>
public sealed class SqliteHearthDbContext(DbContextOptions<SqliteHearthDbContext> options) : HearthDbContext(options);

/// <summary>The PostgreSQL flavour.</summary>
public sealed class PostgresHearthDbContext(DbContextOptions<PostgresHearthDbContext> options) : HearthDbContext(options);
