using Hearth.Core.Insights;
using Hearth.Core.Tests.Persistence;
using Hearth.Tests;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Insights;

/// <summary>
/// A lead's question is audited against everything they were shown in the last year, however much they asked in
/// between; and a response that shows nothing new is not recorded again.
/// </summary>
public class AuditHistoryTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static readonly DateTimeOffset Start = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly InsightRequest WholeYear = new("who-5", "total", InsightGrouping.Team, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_response_far_back_in_the_history_still_stops_a_subtraction_and_repeats_are_recorded_once(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        string[] six = ["p1", "p2", "p3", "p4", "p5", "p6"];
        await test.AddPeopleAsync([.. six, "p7", "lead"]);
        for (var i = 0; i < six.Length; i++)
        {
            await InsightAnswerStoreTests.AnswerAsync(test.Db, six[i], Start.AddDays(-20 + i), 40 + 7 * i);
        }
        var clock = new FixedClock(Start);
        var insights = new OrganisationInsights(test.Db, TestInstruments.Shipped.Value, clock);
        async Task<InsightResponse> AskAsync(InsightRequest request)
        {
            clock.Now = clock.Now.AddMinutes(1);
            return (await insights.ScoresAsync("lead", request)).Value!;
        }
        Task<int> RecordedAsync() => test.Db.InsightViews.CountAsync(v => v.UserId == "lead");

        var first = await AskAsync(WholeYear);
        Assert.Equal(6, first.Organisation.N);
        // Asked again with nobody answering in between: the same figures over the same answers, recorded once.
        Assert.Equal(6, (await AskAsync(WholeYear)).Organisation.N);
        Assert.Equal(1, await RecordedAsync());

        // Sixty other questions (periods after everyone answered, so none repeats the six's figures) ...
        for (var day = 0; day < 60; day++)
        {
            await AskAsync(WholeYear with { From = new DateOnly(2026, 6, 1).AddDays(day) });
        }
        Assert.Equal(61, await RecordedAsync());

        // ... then one more person answers. The organisation's new figure less the first one would be their answer alone.
        await InsightAnswerStoreTests.AnswerAsync(test.Db, "p7", clock.Now.AddSeconds(-30), 3);
        var again = await AskAsync(WholeYear);
        Assert.True(again.Organisation.Suppressed, "the seven less the six seen sixty questions ago would single out the seventh");
        Assert.Null(again.Organisation.N);
        Assert.Null(again.Organisation.Mean);
        Assert.NotNull(again.Organisation.Reason);
    }
}

/// <summary>Which earlier responses a question is audited against: those whose periods overlap its own, directly or through others.</summary>
public class LinkedHistoryTests
{
    private static InsightView View(string from, string to) => new()
    {
        UserId = "lead", InstrumentId = "who-5", ScoreId = "total", From = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
        To = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Periods_linked_through_others_are_kept_and_periods_apart_are_left_out()
    {
        var january = View("2026-01-01", "2026-01-31");
        var februaryToMarch = View("2026-02-01", "2026-03-31");
        var marchToApril = View("2026-03-15", "2026-04-10");
        var june = View("2026-06-01", "2026-06-30");
        var mayFirst = View("2026-05-01", "2026-05-01");
        // Listed out of order: february–march joins only once march–april has widened the run.
        List<InsightView> history = [june, februaryToMarch, january, marchToApril, mayFirst];

        var linked = OrganisationInsights.Linked(history, new InsightRequest("who-5", "total", InsightGrouping.Team, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30)));

        Assert.Equal([februaryToMarch, marchToApril], linked.OrderBy(v => v.From));
        // A period that reaches all of them links them all; the last day of one and the first of another overlap.
        Assert.Equal(5, OrganisationInsights.Linked(history, new InsightRequest("who-5", "total", InsightGrouping.Team, new DateOnly(2026, 1, 31), new DateOnly(2026, 6, 1))).Count);
        Assert.Equal([june], OrganisationInsights.Linked(history, new InsightRequest("who-5", "total", InsightGrouping.Team, new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 31))));
    }
}
