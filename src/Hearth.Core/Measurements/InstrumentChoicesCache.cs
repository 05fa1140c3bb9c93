using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Hearth.Core.Measurements;

/// <summary>The questionnaires in use and the check-in, as read from the database.</summary>
public sealed record UsedInstruments(IReadOnlySet<string> Enabled, string? CheckIn);

/// <summary>
/// The instruments in use, read on every submission and page, kept a few seconds in the app's memory
/// cache. A change here empties it at once; other instances see a change within the lifetime. A read that
/// races with a change cannot put the old list back: its entry carries the version it began under, and a
/// change cancels that version, which expires the entry as soon as it is stored.
/// </summary>
public sealed class InstrumentChoicesCache(IMemoryCache cache) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private static readonly object Key = new();
    private CancellationTokenSource _version = new();

    public async Task<UsedInstruments> GetAsync(Func<Task<UsedInstruments>> load) =>
        (await cache.GetOrCreateAsync(Key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            entry.AddExpirationToken(new CancellationChangeToken(Volatile.Read(ref _version).Token));
            return load();
        }))!;

    public void Invalidate()
    {
        var previous = Interlocked.Exchange(ref _version, new CancellationTokenSource());
        // Cancelled, not disposed: entries stored under it still hold its token (changes are rare).
        previous.Cancel();
        cache.Remove(Key);
    }

    public void Dispose() => _version.Dispose();
}
