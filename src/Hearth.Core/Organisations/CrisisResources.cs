using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisations;

/// <summary>The organisation's crisis resources, in the order the administrator set: shown when a safety rule fires and on /crisis.</summary>
public sealed class CrisisResources(HearthDbContext db)
{
    public async Task<IReadOnlyList<CrisisResource>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.CrisisResources.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(cancellationToken);
}
