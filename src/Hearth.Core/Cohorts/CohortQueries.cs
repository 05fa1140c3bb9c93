using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>How the cohort services load a cohort a facilitator leads, said once.</summary>
internal static class CohortQueries
{
    /// <summary>The facilitator's own cohort with its sessions (by number) and participants (by joining order), or null.</summary>
    public static Task<Cohort?> LoadLedAsync(this HearthDbContext db, string facilitatorId, int cohortId, CancellationToken cancellationToken) =>
        db.Cohorts.LedBy(facilitatorId)
            .Include(c => c.Sessions.OrderBy(s => s.Number)).Include(c => c.Participants.OrderBy(p => p.Id))
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == cohortId, cancellationToken);

    public static CohortSession? SessionNumbered(this Cohort cohort, int number) =>
        cohort.Sessions.FirstOrDefault(s => s.Number == number);

    public static FieldProblem NoSession(int number) => new("Number", ProblemText.Get("Cohorts.NoSession", number));
}
