using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace Hearth.Tests;

/// <summary>
/// The instant every test's clock starts at. By default the real time when the test run began, but never
/// earlier in the day than 10:00 UTC: the product keeps times of day (a study wave opens at 09:00 local on
/// its day), so a run between midnight and morning would otherwise see a wave not yet open that a run in
/// the afternoon sees open. Moving forward a few hours, never back, keeps the date real and every cookie the
/// app sets valid in the browser. The setting <c>HEARTH_TEST_CLOCK</c> moves it, so the whole suite can be
/// run on another date without a code change: an instant (<c>2027-12-03T09:00:00Z</c>, taken as given) or a
/// shift in days (<c>+365</c>, <c>-365</c>).
/// </summary>
internal static class TestClock
{
    public static DateTimeOffset Start { get; } = Resolve(Environment.GetEnvironmentVariable("HEARTH_TEST_CLOCK"));

    /// <summary>A fake clock standing at <see cref="Start"/>; it moves only when a test advances it.</summary>
    public static FakeTimeProvider Create() => new(Start);

    public static DateTimeOffset Resolve(string? setting)
    {
        var now = TimeProvider.System.GetUtcNow();
        var morning = new DateTimeOffset(now.UtcDateTime.Date.AddHours(10), TimeSpan.Zero);
        now = now < morning ? morning : now;
        if (string.IsNullOrWhiteSpace(setting))
        {
            return now;
        }
        setting = setting.Trim();
        if ((setting[0] is '+' or '-') && int.TryParse(setting, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days))
        {
            return now.AddDays(days);
        }
        return DateTimeOffset.TryParse(setting, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw new InvalidOperationException($"HEARTH_TEST_CLOCK '{setting}' is neither an instant (2027-12-03T09:00:00Z) nor a shift in days (+365)");
    }
}
