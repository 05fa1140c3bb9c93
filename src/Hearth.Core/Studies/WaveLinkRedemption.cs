using Hearth.Core.Persistence;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Studies;

/// <summary>What a wave link opens: whose wave it is, what it asks and what is already answered.</summary>
public sealed record WaveLinkView(long LinkId, string UserId, string StudyTitle, string Wave, DateTimeOffset Closes, IReadOnlyList<string> Instruments, IReadOnlySet<string> Done)
{
    public bool Complete => Instruments.All(Done.Contains);
}

/// <summary>
/// Following a wave link from an e-mail: valid until the wave closes, for a participant still enrolled,
/// and spent once the wave is complete. The first visit is recorded as "opened" in the delivery log.
/// </summary>
public sealed class WaveLinkRedemption(HearthDbContext db, TimeProvider clock)
{
    /// <returns>The wave, or null for an unknown, expired or spent link (the page says the same for all three).</returns>
    public async Task<WaveLinkView?> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = TokenHash.Of(token);
        var now = clock.GetUtcNow();
        var link = await db.WaveLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, cancellationToken);
        if (link is null)
        {
            return null;
        }
        var participant = await db.StudyParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == link.ParticipantId && p.Status == ParticipantStatus.Enrolled, cancellationToken);
        var wave = await db.StudyWaves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == link.WaveId, cancellationToken);
        if (participant is null || wave is null)
        {
            return null; // withdrew since the e-mail went out
        }
        link.OpenedAt ??= now;
        var title = await db.Studies.Where(s => s.Id == wave.StudyId).Select(s => s.Title).SingleAsync(cancellationToken);
        var done = (await db.StudyWaveResponses.AsNoTracking().Where(r => r.ParticipantId == participant.Id && r.WaveId == wave.Id)
            .Select(r => r.InstrumentId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var view = new WaveLinkView(link.Id, participant.UserId, title, wave.Name, link.ExpiresAt, StudyDesigns.Split(wave.Instruments), done);
        if (view.Complete)
        {
            link.UsedAt = now; // everything answered: the link is spent
        }
        await db.SaveChangesAsync(cancellationToken);
        return view;
    }
}
