using Hearth.Core.Localization;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisations;

/// <summary>The organisation's crisis resources, in the order the administrator set: shown when a safety rule fires and on /crisis.</summary>
public sealed class CrisisResources(HearthDbContext db, Audit.AuditLog audit)
{
    /// <returns>What is wrong with the resource, or null when it was added (last in the order).</returns>
    public async Task<string?> AddAsync(string administratorId, string? name, string? phone, string? url, string? description, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || (string.IsNullOrWhiteSpace(phone) && string.IsNullOrWhiteSpace(url)))
        {
            return ProblemText.Get("Organisations.CrisisResourceIncomplete");
        }
        if (!string.IsNullOrWhiteSpace(url) && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            return ProblemText.Get("Organisations.CrisisResourceHttps");
        }
        var order = await db.CrisisResources.CountAsync(cancellationToken);
        db.CrisisResources.Add(new CrisisResource { Name = name.Trim(), Phone = phone?.Trim(), Url = url?.Trim(), Description = description?.Trim(), Order = order });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(administratorId, "crisis-resource-add", details: name.Trim());
        return null;
    }

    public async Task<IReadOnlyList<CrisisResource>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.CrisisResources.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id).ToListAsync(cancellationToken);
}
