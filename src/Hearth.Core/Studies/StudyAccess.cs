using Hearth.Core.Rules;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>What the web host's study authorization handler asks: is this the researcher who runs the study. A context per question.</summary>
public sealed class StudyAccess(Func<HearthDbContext> contexts)
{
    public async Task<bool> RunsAsync(string userId, int studyId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts();
        return await db.Studies.RunBy(userId).AnyAsync(s => s.Id == studyId, cancellationToken);
    }
}
