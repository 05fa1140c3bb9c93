using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

public static class CohortMembership
{
    /// <summary>Whether the person is a participant of the cohort: what sharing with its facilitator, and leaving it, require.</summary>
    public static Task<bool> IsMemberAsync(this HearthDbContext db, int cohortId, string userId, CancellationToken cancellationToken = default) =>
        db.CohortParticipants.AnyAsync(p => p.CohortId == cohortId && p.UserId == userId, cancellationToken);
}
