using Hearth.Content;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// A dashboard response a person was shown: the question and the figures it showed. Later responses to
/// the same person are audited against it, so nobody can isolate a colleague by asking twice. It names
/// groups and months, never people; the figures are rebuilt from the answers given before it was shown.
/// </summary>
public sealed class InsightView
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string InstrumentId { get; set; }
    public required string ScoreId { get; set; }
    public InsightGrouping By { get; set; }
    public string? Profession { get; set; }
    public string? Site { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateTimeOffset ShownAt { get; set; }
    /// <summary>The people and teams it was grouped with (<see cref="InsightPeopleSnapshot"/>); null for responses recorded before they were kept.</summary>
    public string? People { get; set; }
    /// <summary>The keys of the figures shown, one per line.</summary>
    public string Shown { get; set; } = "";

    public InsightRequest Request => new(InstrumentId, ScoreId, By, From, To, Profession, Site);

    internal static void Configure(ModelBuilder builder) => builder.Entity<InsightView>(e =>
    {
        e.Property(v => v.InstrumentId).HasMaxLength(FieldLengths.Id);
        e.Property(v => v.ScoreId).HasMaxLength(FieldLengths.Id);
        e.Property(v => v.By).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(v => v.Profession).HasMaxLength(FieldLengths.Label);
        e.Property(v => v.Site).HasMaxLength(FieldLengths.Label);
        e.HasIndex(v => new { v.UserId, v.InstrumentId, v.ScoreId, v.ShownAt });
        e.HasOne<Organisations.HearthUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Property(v => v.People).HasMaxLength(64);
        // A response is rebuilt with its snapshot, so the snapshot cannot go while a response names it.
        e.HasOne<InsightPeopleSnapshot>().WithMany().HasForeignKey(v => v.People).OnDelete(DeleteBehavior.Restrict);
    });
}
