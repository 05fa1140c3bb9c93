using Hearth.Content;
using Hearth.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>The studies' tables, configured here beside their entities and applied by the DbContext.</summary>
internal static class StudyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Study>(e =>
        {
            e.Property(s => s.Title).HasMaxLength(FieldLengths.Name);
            e.Property(s => s.RegistrationId).HasMaxLength(FieldLengths.Label);
            e.Property(s => s.Hypotheses).HasMaxLength(FieldLengths.LongText);
            e.Property(s => s.PrimaryOutcomes).HasMaxLength(FieldLengths.Link);
            e.Property(s => s.SecondaryOutcomes).HasMaxLength(FieldLengths.Link);
            e.Property(s => s.StratifyBy).HasMaxLength(FieldLengths.Link);
            e.Property(s => s.WedgeTeams).HasMaxLength(FieldLengths.LongText);
            e.Property(s => s.BlockMultiples).HasMaxLength(FieldLengths.Label);
            e.Property(s => s.TimeZone).HasMaxLength(FieldLengths.Label);
            e.Property(s => s.Method).HasConversion<string>().HasMaxLength(FieldLengths.Label);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(FieldLengths.Label);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Arms).WithOne().HasForeignKey(a => a.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Waves).WithOne().HasForeignKey(w => w.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Criteria).WithOne().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.ConsentVersions).WithOne().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StudyArm>(e =>
        {
            e.Property(a => a.Name).HasMaxLength(FieldLengths.Name);
            e.Property(a => a.ProgramId).HasMaxLength(FieldLengths.Id);
            e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
            e.HasIndex(a => new { a.StudyId, a.Name }).IsUnique();
            e.HasOne<Cohorts.Cohort>().WithMany().HasForeignKey(a => a.CohortId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<StudyWave>(e =>
        {
            e.Property(w => w.Name).HasMaxLength(FieldLengths.Name);
            e.Property(w => w.Instruments).HasMaxLength(FieldLengths.Link);
            e.Property(w => w.Anchor).HasConversion<string>().HasMaxLength(FieldLengths.Label);
            e.HasIndex(w => new { w.StudyId, w.Name }).IsUnique();
        });
        builder.Entity<EligibilityCriterion>(e =>
        {
            e.Property(c => c.Key).HasMaxLength(FieldLengths.Id);
            e.Property(c => c.Question).HasMaxLength(FieldLengths.Link);
            e.HasIndex(c => new { c.StudyId, c.Key }).IsUnique();
        });
        builder.Entity<ConsentVersion>(e =>
        {
            e.Property(c => c.Text).HasMaxLength(FieldLengths.LongText);
            e.HasIndex(c => new { c.StudyId, c.Version }).IsUnique();
        });
        builder.Entity<StudyParticipant>(e =>
        {
            e.Property(p => p.Pseudonym).HasMaxLength(FieldLengths.Label);
            e.Property(p => p.Answers).HasMaxLength(FieldLengths.LongText); // screening answers plus the profile factors allocation stratifies by
            e.Property(p => p.ExclusionReason).HasMaxLength(FieldLengths.Link);
            e.Property(p => p.Stratum).HasMaxLength(FieldLengths.Link);
            e.Property(p => p.Cluster).HasMaxLength(FieldLengths.Id);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(FieldLengths.Label);
            // One record per person and study; pseudonyms and enrolment numbers unique within a study.
            e.HasIndex(p => new { p.StudyId, p.UserId }).IsUnique();
            e.HasIndex(p => new { p.StudyId, p.Pseudonym }).IsUnique();
            e.HasIndex(p => new { p.StudyId, p.EnrolmentNumber }).IsUnique();
            e.HasOne<Study>().WithMany().HasForeignKey(p => p.StudyId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<HearthUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StudyArm>().WithMany().HasForeignKey(p => p.ArmId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Cohorts.Cohort>().WithMany().HasForeignKey(p => p.CohortId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<StudyWaveResponse>(e =>
        {
            e.Property(r => r.InstrumentId).HasMaxLength(FieldLengths.Id);
            // The first answer within the window counts; a second one of the same questionnaire does not replace it.
            e.HasIndex(r => new { r.ParticipantId, r.WaveId, r.InstrumentId }).IsUnique();
            e.HasOne<StudyParticipant>().WithMany().HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StudyWave>().WithMany().HasForeignKey(r => r.WaveId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Measurements.Measurement>().WithMany().HasForeignKey(r => r.MeasurementId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<WaveLink>(e =>
        {
            e.Property(l => l.TokenHash).HasMaxLength(FieldLengths.Hash);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => new { l.ParticipantId, l.WaveId });
            e.HasOne<StudyParticipant>().WithMany().HasForeignKey(l => l.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<StudyWave>().WithMany().HasForeignKey(l => l.WaveId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StudyInvitation>(e =>
        {
            e.Property(i => i.TokenHash).HasMaxLength(FieldLengths.Hash);
            e.HasIndex(i => i.TokenHash).IsUnique();
            e.HasOne<Study>().WithMany().HasForeignKey(i => i.StudyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
