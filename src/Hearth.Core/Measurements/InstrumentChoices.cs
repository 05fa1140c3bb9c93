using Hearth.Core.Audit;
using Hearth.Core.Organisations;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measurements;

/// <summary>
/// Which questionnaires the organisation uses (turning one on records who accepted its licence terms and
/// when) and which is the check-in. Every change clears the cached list (<see cref="InstrumentChoicesCache"/>).
/// </summary>
public sealed class InstrumentChoices(HearthDbContext db, AuditLog audit, TimeProvider clock, InstrumentChoicesCache cache)
{
    public async Task<IReadOnlyList<InstrumentChoice>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.InstrumentChoices.AsNoTracking().ToListAsync(cancellationToken);

    public async Task ToggleAsync(string administratorId, string instrumentId, CancellationToken cancellationToken = default)
    {
        var choice = await db.InstrumentChoices.FirstOrDefaultAsync(c => c.InstrumentId == instrumentId, cancellationToken);
        if (choice is null)
        {
            choice = new InstrumentChoice { InstrumentId = instrumentId };
            db.InstrumentChoices.Add(choice);
        }
        choice.Enabled = !choice.Enabled;
        if (choice.Enabled)
        {
            choice.LicenceAcknowledgedAt = clock.GetUtcNow();
            choice.LicenceAcknowledgedById = administratorId;
        }
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        await audit.RecordAsync(administratorId, choice.Enabled ? "instrument-enable" : "instrument-disable", details: instrumentId);
    }

    /// <summary>Makes an instrument in use the check-in (the one and only).</summary>
    public async Task MakeCheckInAsync(string administratorId, string instrumentId, CancellationToken cancellationToken = default)
    {
        var all = await db.InstrumentChoices.ToListAsync(cancellationToken);
        if (all.FirstOrDefault(c => c.InstrumentId == instrumentId) is not { Enabled: true })
        {
            return;
        }
        foreach (var c in all)
        {
            c.InCheckIn = c.InstrumentId == instrumentId;
        }
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        await audit.RecordAsync(administratorId, "check-in-choose", details: instrumentId);
    }
}
