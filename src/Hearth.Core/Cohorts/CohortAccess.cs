using Hearth.Core.Persistence;
using Hearth.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Cohorts;

/// <summary>
/// The questions the web host's authorization handlers ask of the database, each one query through the
/// ownership extensions: does this person lead the cohort, take part in it, own this result or entry.
/// A singleton with a context per question: authorization handlers are built for every authorization
/// check, and most requests (a check-in) never ask these questions, so nothing is opened until one does.
/// </summary>
public sealed class CohortAccess(Func<HearthDbContext> contexts)
{
    private async Task<bool> AskAsync(Func<HearthDbContext, Task<bool>> question)
    {
        await using var db = contexts();
        return await question(db);
    }

    public Task<bool> LeadsAsync(string userId, int cohortId, CancellationToken cancellationToken = default) =>
        AskAsync(db => db.Cohorts.LedBy(userId).AnyAsync(c => c.Id == cohortId, cancellationToken));

    public Task<bool> AttendsAsync(string userId, int cohortId, CancellationToken cancellationToken = default) =>
        AskAsync(db => db.Cohorts.AttendedBy(userId).AnyAsync(c => c.Id == cohortId, cancellationToken));

    /// <summary>Whether the cohort has a session with that number and the person leads it.</summary>
    public Task<bool> LeadsSessionAsync(string userId, int cohortId, int number, CancellationToken cancellationToken = default) =>
        AskAsync(db => db.Cohorts.LedBy(userId).AnyAsync(c => c.Id == cohortId && c.Sessions.Any(s => s.Number == number), cancellationToken));

    /// <summary>Whether the cohort has a session with that number and the person takes part in it.</summary>
    public Task<bool> AttendsSessionAsync(string userId, int cohortId, int number, CancellationToken cancellationToken = default) =>
        AskAsync(db => db.Cohorts.AttendedBy(userId).AnyAsync(c => c.Id == cohortId && c.Sessions.Any(s => s.Number == number), cancellationToken));

    /// <summary>A questionnaire result may be shared with a cohort by its owner, while they are in that cohort.</summary>
    public async Task<bool> MayShareResultAsync(string userId, long measurementId, int cohortId, CancellationToken cancellationToken = default) =>
        await AskAsync(db => db.Measurements.OwnedBy(userId).AnyAsync(m => m.Id == measurementId, cancellationToken))
        && await AttendsAsync(userId, cohortId, cancellationToken);

    /// <summary>A journal entry may be shared with a cohort by its author, while they are in that cohort.</summary>
    public async Task<bool> MayShareReflectionAsync(string userId, long entryId, int cohortId, CancellationToken cancellationToken = default) =>
        await AskAsync(db => db.JournalEntries.OwnedBy(userId).AnyAsync(j => j.Id == entryId, cancellationToken))
        && await AttendsAsync(userId, cohortId, cancellationToken);
}
