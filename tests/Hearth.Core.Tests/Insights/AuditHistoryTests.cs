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
        // Nobody moved: every response names the one snapshot of the people they were grouped with.
        Assert.Equal(1, await test.Db.InsightPeopleSnapshots.CountAsync());

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

/// <summary>An earlier response is audited with the groups as they were when it was shown, not as they are now (fails if rebuilt with today's).</summary>
public class AuditAcrossMovesTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_move_between_teams_does_not_let_the_same_period_single_out_the_person_who_moved(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        var (ward, clinic) = (new Hearth.Core.Organisations.Team { Name = "Ward" }, new Hearth.Core.Organisations.Team { Name = "Clinic" });
        test.Db.Teams.AddRange(ward, clinic);
        await test.Db.SaveChangesAsync();
        await test.AddPeopleAsync("lead");
        var march = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            test.Db.Users.Add(new Hearth.Core.Organisations.HearthUser { Id = $"p{i}", UserName = $"p{i}", Email = $"p{i}@test.example", DisplayName = $"p{i}", TeamId = i < 6 ? ward.Id : clinic.Id });
        }
        await test.Db.SaveChangesAsync();
        for (var i = 0; i < 12; i++)
        {
            await InsightAnswerStoreTests.AnswerAsync(test.Db, $"p{i}", march.AddHours(i), 30 + 5 * i);
        }
        var clock = new FixedClock(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var insights = new OrganisationInsights(test.Db, TestInstruments.Shipped.Value, clock);
        var inMarch = new InsightRequest("who-5", "total", InsightGrouping.Team, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

        var before = (await insights.ScoresAsync("lead", inMarch)).Value!;
        Assert.Equal([6, 6], before.Groups.Select(g => g.N));

        // One of the ward moves to the clinic. March's answers are what they were: the ward's March figure without them,
        // set against the one shown before, would be their answer alone; so would the clinic's with them.
        var moved = await test.Db.Users.SingleAsync(u => u.Id == "p0");
        moved.TeamId = clinic.Id;
        await test.Db.SaveChangesAsync();
        clock.Now = clock.Now.AddDays(1);
        var after = (await insights.ScoresAsync("lead", inMarch)).Value!;

        Assert.All(after.Groups, g => Assert.True(g.Suppressed, $"{g.Name}: shown with {g.N} people after the move"));
        Assert.Equal(12, after.Organisation.N);
        // Each response names the people as it grouped them: the first layout whole, the next as its changes.
        var snapshots = await test.Db.InsightPeopleSnapshots.AsNoTracking().ToListAsync();
        Assert.Equal(2, snapshots.Count);
        var (whole, changed) = (snapshots.Single(s => s.Base is null), snapshots.Single(s => s.Base is not null));
        Assert.Equal(whole.Id, changed.Base);

        // Someone moves back the other way; March is asked about again with the second layout read from its changes.
        var back = await test.Db.Users.SingleAsync(u => u.Id == "p11");
        back.TeamId = ward.Id;
        await test.Db.SaveChangesAsync();
        clock.Now = clock.Now.AddDays(1);
        var later = (await new OrganisationInsights(test.Db, TestInstruments.Shipped.Value, clock).ScoresAsync("lead", inMarch)).Value!;
        Assert.All(later.Groups, g => Assert.True(g.Suppressed, $"{g.Name}: shown with {g.N} people after the second move"));
        Assert.Equal(3, await test.Db.InsightPeopleSnapshots.CountAsync());

        // Read back by a process that knows neither: the changes applied to the whole one, which is kept as well.
        var today = await new InsightAnswerStore().LayoutAsync(test.Db, CancellationToken.None);
        var second = await InsightAnswerStore.LayoutShownAsync(test.Db, changed.Id, today, CancellationToken.None);
        int? TeamOf(PeopleLayout layout, string id) => layout.People.Single(p => p.UserId == id).TeamId;
        Assert.Equal((clinic.Id, clinic.Id), (TeamOf(second, "p0"), TeamOf(second, "p11")));
        Assert.Equal((ward.Id, clinic.Id), (TeamOf(today.Earlier(whole.Id)!, "p0"), TeamOf(today.Earlier(whole.Id)!, "p11")));
        Assert.Equal((clinic.Id, ward.Id), (TeamOf(today, "p0"), TeamOf(today, "p11")));
    }

    [Fact]
    public void A_layout_stored_as_changes_reads_back_as_the_whole_layout()
    {
        static GroupedPerson Person(int index, string id, int? team, string? profession = null, string? site = null, bool active = true) =>
            new(index, id, team, profession, site, active);
        var before = new PeopleLayout(
            [Person(0, "ana", 1, "nurse"), Person(1, "ben", 2, null, "north"), Person(2, "cai", null), Person(3, "dee", 1, active: false)],
            [new TeamNode(1, "Ward", null), new TeamNode(2, "Clinic", 1)]);
        // Ben moves, Cai leaves, Eve joins, Dee is active again, and the clinic leaves the ward.
        var after = new PeopleLayout(
            [Person(0, "ana", 1, "nurse"), Person(1, "ben", 1, null, "north"), Person(2, "dee", 1), Person(3, "eve", 2, "psychologist")],
            [new TeamNode(1, "Ward", null), new TeamNode(2, "Clinic", null)]);

        var whole = InsightPeopleSnapshot.Payload(before, null);
        var changes = InsightPeopleSnapshot.Payload(after, before);
        var (people, teams) = InsightPeopleSnapshot.Apply([whole, changes], null);

        Assert.Equal(after.People.Select(InsightPeopleSnapshot.MemberOf).OrderBy(m => m.UserId, StringComparer.Ordinal), people.Values.OrderBy(m => m.UserId, StringComparer.Ordinal));
        Assert.Equal(after.Teams, teams);
        Assert.True(changes.Length < whole.Length, "only the changes are stored");
        // Named by content, whatever the order the people were read in.
        Assert.Equal(after.SnapshotId, InsightPeopleSnapshot.IdOf([.. after.People.AsEnumerable().Reverse()], after.Teams));
        Assert.NotEqual(before.SnapshotId, after.SnapshotId);

        // A move alone leaves the teams out of the changes, and they read back as they were.
        var moved = new PeopleLayout([Person(0, "ana", 2, "nurse"), .. after.People.Skip(1)], after.Teams);
        var (afterMove, teamsAfterMove) = InsightPeopleSnapshot.Apply([whole, changes, InsightPeopleSnapshot.Payload(moved, after)], null);
        Assert.Equal(2, afterMove["ana"].TeamId);
        Assert.Equal(after.Teams, teamsAfterMove);
    }
}
