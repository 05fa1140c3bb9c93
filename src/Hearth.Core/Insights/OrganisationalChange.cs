using Hearth.Content;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>The kinds of change the scoping review finds aimed at empathy-based stress at the organisational level.</summary>
public enum ChangeKind { CaseloadCap, FlexibleScheduling, RemoteWork, ReducedHours, ProtectedSupervision, Other }

/// <summary>
/// An organisational change, logged so it can be evaluated: what changed, in which teams (and the teams
/// nested in them), from when, and the stepped-wedge study that rolls it out, where there is one.
/// </summary>
public sealed class OrganisationalChange
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public ChangeKind Kind { get; set; }
    public string Description { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    /// <summary>The ids of the teams it applies to, comma-separated.</summary>
    public string TeamIds { get; set; } = "";
    public int? StudyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }

    public IReadOnlyList<int> Teams => [.. TeamIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture))];

    internal static void Configure(ModelBuilder builder) => builder.Entity<OrganisationalChange>(e =>
    {
        e.Property(c => c.Title).HasMaxLength(FieldLengths.Name);
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(FieldLengths.Label);
        e.Property(c => c.Description).HasMaxLength(FieldLengths.LongText);
        e.Property(c => c.TeamIds).HasMaxLength(FieldLengths.LongText);
        e.HasOne<Studies.Study>().WithMany().HasForeignKey(c => c.StudyId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Organisations.HearthUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
    });
}
