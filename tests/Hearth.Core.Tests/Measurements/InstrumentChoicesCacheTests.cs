using Hearth.Core.Measurements;
using Microsoft.Extensions.Caching.Memory;

namespace Hearth.Core.Tests.Measurements;

public class InstrumentChoicesCacheTests
{
    private static UsedInstruments Used(string id) => new(new HashSet<string> { id }, null);

    [Fact]
    public async Task The_list_is_read_once_then_kept_until_a_change_empties_it()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        using var cache = new InstrumentChoicesCache(memory);
        var loads = 0;
        Task<UsedInstruments> Load(string id)
        {
            loads++;
            return Task.FromResult(Used(id));
        }
        Assert.Contains("who-5", (await cache.GetAsync(() => Load("who-5"))).Enabled);
        Assert.Contains("who-5", (await cache.GetAsync(() => Load("phq-9"))).Enabled); // kept
        Assert.Equal(1, loads);
        cache.Invalidate();
        Assert.Contains("phq-9", (await cache.GetAsync(() => Load("phq-9"))).Enabled);
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task A_read_that_races_with_a_change_does_not_put_the_old_list_back()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        using var cache = new InstrumentChoicesCache(memory);
        // The administrator's change lands while the old list is being read.
        var stale = await cache.GetAsync(() =>
        {
            cache.Invalidate();
            return Task.FromResult(Used("old"));
        });
        Assert.Contains("old", stale.Enabled); // that reader sees what it read…
        Assert.Contains("new", (await cache.GetAsync(() => Task.FromResult(Used("new")))).Enabled); // …but nobody after it does
    }
}
