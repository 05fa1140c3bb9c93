using Hearth.Core.Cohorts;
using Hearth.Core.Studies;

namespace Hearth.Core.Rules;

/// <summary>A row that belongs to one person: their answers, journal, practice log, homework, tokens, feeds.</summary>
public interface IOwnedByUser
{
    string UserId { get; }
}

/// <summary>
/// Who may see which rows, said once. Every service filters its queries through these, so "only your
/// own" and "only cohorts you lead" read the same everywhere and a new query cannot forget them.
/// </summary>
public static class Ownership
{
    /// <summary>Rows that are this person's own.</summary>
    public static IQueryable<T> OwnedBy<T>(this IQueryable<T> rows, string userId) where T : class, IOwnedByUser =>
        rows.Where(r => r.UserId == userId);

    /// <summary>Cohorts this facilitator leads.</summary>
    public static IQueryable<Cohort> LedBy(this IQueryable<Cohort> cohorts, string facilitatorId) =>
        cohorts.Where(c => c.FacilitatorId == facilitatorId);

    /// <summary>Cohorts this person takes part in (a self-guided run counts: its owner is its one participant).</summary>
    public static IQueryable<Cohort> AttendedBy(this IQueryable<Cohort> cohorts, string userId) =>
        cohorts.Where(c => c.Participants.Any(p => p.UserId == userId));

    /// <summary>Cohorts this person leads or takes part in (their calendar).</summary>
    public static IQueryable<Cohort> LedOrAttendedBy(this IQueryable<Cohort> cohorts, string userId) =>
        cohorts.Where(c => c.FacilitatorId == userId || c.Participants.Any(p => p.UserId == userId));

    /// <summary>Studies this researcher runs (created).</summary>
    public static IQueryable<Study> RunBy(this IQueryable<Study> studies, string researcherId) =>
        studies.Where(s => s.OwnerId == researcherId);
}
