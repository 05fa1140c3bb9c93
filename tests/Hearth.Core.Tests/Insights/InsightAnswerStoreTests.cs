using Hearth.Core.Insights;
using Hearth.Core.Measurements;
using Hearth.Core.Tests.Persistence;

namespace Hearth.Core.Tests.Insights;

/// <summary>The dashboards' in-memory answers: read once, then only what is new; in time order; each answer once; snapshots unchanged by later answers.</summary>
public class InsightAnswerStoreTests
{
    public static TheoryData<string> Providers() => TestDatabases.Providers();

    private static readonly DateTimeOffset Day = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Stores one WHO-5 answer (its total, and another score the dashboards must not mix in).</summary>
    internal static async Task AnswerAsync(Hearth.Core.Persistence.HearthDbContext db, string user, DateTimeOffset at, double value, string? band = null)
    {
        var measurement = new Measurement { UserId = user, InstrumentId = "who-5", InstrumentVersion = "1", SubmittedAt = at, AnswersJson = "{}" };
        measurement.Scores.Add(new MeasurementScore { ScoreId = "total", Value = value, Band = band });
        measurement.Scores.Add(new MeasurementScore { ScoreId = "other", Value = 99 });
        db.Measurements.Add(measurement);
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Answers_are_kept_once_in_time_order_and_a_snapshot_does_not_see_later_ones(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync("ana", "ben");
        // Ana's second answer is stored after her third but given before it (an import, say): order is by time, not by id.
        await AnswerAsync(test.Db, "ana", Day, 10, "low");
        await AnswerAsync(test.Db, "ana", Day.AddDays(14), 30, "high");
        await AnswerAsync(test.Db, "ana", Day.AddDays(7), 20, "low");
        using var store = new InsightAnswerStore();
        var answers = await store.ReadAsync(test.Db, "who-5", "total", CancellationToken.None);
        var people = Layout("ana", "ben", "nobody");
        var (series, bands, _, _) = answers.Snapshot(people);

        Assert.Equal(3, series[0].Count);
        Assert.Equal([10.0, 20.0, 30.0], series[0].Columns.Values[..3]);
        Assert.Equal(["low", "low", "high"], series[0].Columns.Bands[..3].Select(b => bands[b]));
        Assert.Equal(0, series[1].Count);
        Assert.Equal(0, series[2].Count);
        // The latest answer before the third week is the second week's, whatever order they were stored in.
        Assert.Equal(1, series[0].LatestWithin(Day.UtcTicks, Day.AddDays(10).UtcTicks));
        Assert.Equal(-1, series[0].LatestWithin(Day.AddDays(1).UtcTicks, Day.AddDays(6).UtcTicks));

        // A second read finds the same answers again (within the slack) and keeps each once; new ones are added.
        // The same people are asked about again: Ben's first answer must still be found, though the last lookup is reused.
        await AnswerAsync(test.Db, "ben", Day.AddDays(1), 40);
        await AnswerAsync(test.Db, "ana", Day.AddDays(21), 50);
        var again = await store.ReadAsync(test.Db, "who-5", "total", CancellationToken.None);
        var (now, _, _, _) = again.Snapshot(people);
        Assert.Equal(4, now[0].Count);
        Assert.Equal([10.0, 20.0, 30.0, 50.0], now[0].Columns.Values[..4]);
        Assert.Equal(1, now[1].Count);
        Assert.Equal(40.0, now[1].Columns.Values[0]);
        Assert.Equal(0, now[2].Count);

        // What was taken before is as it was: a question being answered never sees answers given after it began.
        Assert.Equal(3, series[0].Count);
        Assert.Equal(2, series[0].LatestWithin(long.MinValue, long.MaxValue));
        Assert.Equal(30.0, series[0].Columns.Values[2]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Month_cells_follow_new_late_and_first_answers_and_an_earlier_snapshot_keeps_its_own(string provider)
    {
        await using var test = await TestDatabases.CreateAsync(provider);
        await test.AddPeopleAsync("ana", "ben");
        await AnswerAsync(test.Db, "ana", Day, 10);                 // March
        await AnswerAsync(test.Db, "ana", Day.AddDays(30), 20);     // April
        using var store = new InsightAnswerStore();
        var people = Layout("ana", "ben");
        var span = (new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30));
        var (series, _, _, cells) = (await store.ReadAsync(test.Db, "who-5", "total", CancellationToken.None)).Snapshot(people, span);
        AssertCellsMatch(series, cells);
        Assert.Equal(20.0, cells[MonthCells.KeyOf(new DateOnly(2026, 4, 1))].Values[0]);

        // A later answer in March, one given in March but stored last (so Ana's answers are put in order again and
        // her April answer moves along), and Ben's first answer.
        await AnswerAsync(test.Db, "ana", Day.AddDays(5), 15);
        await AnswerAsync(test.Db, "ana", Day.AddDays(-3), 5);
        await AnswerAsync(test.Db, "ben", Day.AddDays(31), 40);
        var (now, _, _, cellsNow) = (await store.ReadAsync(test.Db, "who-5", "total", CancellationToken.None)).Snapshot(people, span);
        AssertCellsMatch(now, cellsNow);
        Assert.Equal(15.0, cellsNow[MonthCells.KeyOf(new DateOnly(2026, 3, 1))].Values[0]);
        Assert.Equal(3, cellsNow[MonthCells.KeyOf(new DateOnly(2026, 4, 1))].Index[0]);
        Assert.Equal(40.0, cellsNow[MonthCells.KeyOf(new DateOnly(2026, 4, 1))].Values[1]);

        // The first snapshot's cells still describe the first snapshot's answers.
        AssertCellsMatch(series, cells);
        Assert.Equal(-1, cells[MonthCells.KeyOf(new DateOnly(2026, 4, 1))].Index[1]);
    }

    /// <summary>Each cell is what a search of the person's answers in its month finds.</summary>
    private static void AssertCellsMatch(AnswerSeries[] series, IReadOnlyDictionary<int, MonthCells> cells)
    {
        foreach (var month in cells.Values)
        {
            for (var p = 0; p < series.Length; p++)
            {
                var expected = series[p].LatestWithin(month.Start, month.End);
                Assert.Equal(expected, month.Index[p]);
                if (expected >= 0)
                {
                    Assert.Equal(series[p].Columns.Values[expected], month.Values[p]);
                    Assert.Equal(series[p].Columns.Ticks[expected], month.Ticks[p]);
                }
            }
        }
    }

    [Fact]
    public void A_layout_is_reused_only_for_the_same_people_teams_and_fields()
    {
        List<GroupedPerson> Read(string site, int? team = 1, bool active = true) =>
            [new(0, "ana", team, "nurse", site, active), new(1, "ben", 2, null, "north", true)];
        List<TeamNode> teams = [new(1, "Ward 1", null), new(2, "Ward 2", null)];
        var layout = new PeopleLayout(Read("north"), teams);

        Assert.True(layout.Matches(Read("north"), [new(1, "Ward 1", null), new(2, "Ward 2", null)]));
        Assert.False(layout.Matches(Read("south"), teams));
        Assert.False(layout.Matches(Read("north", team: 2), teams));
        Assert.False(layout.Matches(Read("north", active: false), teams));
        Assert.False(layout.Matches([.. Read("north").Take(1)], teams));
        Assert.False(layout.Matches(Read("north"), [new(1, "Ward 1", null), new(2, "Ward 2", 1)]));
    }

    /// <summary>People as a question reads them, in this order, with no team, profession or site.</summary>
    private static PeopleLayout Layout(params string[] ids) =>
        new([.. ids.Select((id, i) => new GroupedPerson(i, id, null, null, null, true))], []);
}
