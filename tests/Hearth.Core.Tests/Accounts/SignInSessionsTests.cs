using Hearth.Core.Accounts;
using Hearth.Core.Tests.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Hearth.Core.Tests.Accounts;

/// <summary>
/// The sessions the cookie handler keeps in the database, read by the lookup every signed-in request makes:
/// what it returns must follow every change at once (a sign-out, a renewal, the end of all sessions, running out).
/// </summary>
public class SignInSessionsTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_session_reads_back_as_stored_and_stops_at_once_when_ended_renewed_or_run_out(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync("ana", "ben");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var sessions = new SignInSessions(test.Fresh, clock);

        await sessions.StoreAsync("one", "ana", [1, 2, 3], clock.GetUtcNow().AddHours(8));
        await sessions.StoreAsync("two", "ana", [4, 5], null);
        await sessions.StoreAsync("three", "ben", [6], clock.GetUtcNow().AddHours(1));
        Assert.Equal([1, 2, 3], await sessions.RetrieveAsync("one"));
        Assert.Equal([4, 5], await sessions.RetrieveAsync("two"));
        Assert.Null(await sessions.RetrieveAsync("nobody's"));

        await sessions.RenewAsync("one", [7, 7], clock.GetUtcNow().AddHours(8));
        Assert.Equal([7, 7], await sessions.RetrieveAsync("one"));

        await sessions.RemoveAsync("one"); // signing out
        Assert.Null(await sessions.RetrieveAsync("one"));
        Assert.Equal([4, 5], await sessions.RetrieveAsync("two"));

        clock.Advance(TimeSpan.FromHours(2)); // Ben's session has run out; one without an end has not
        Assert.Null(await sessions.RetrieveAsync("three"));
        Assert.Equal([4, 5], await sessions.RetrieveAsync("two"));

        await sessions.EndAllAsync("ana"); // a password reset
        Assert.Null(await sessions.RetrieveAsync("two"));
    }
}
