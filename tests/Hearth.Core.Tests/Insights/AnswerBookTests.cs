using Hearth.Core.Insights;

namespace Hearth.Core.Tests.Insights;

/// <summary>
/// The book numbers the answers a question uses. Large enough here (20,000 people) for the passes to run on
/// every core: each answer must get one number, the same from every figure and window that counts it, with its own value.
/// </summary>
public class AnswerBookTests
{
    [Fact]
    public void Every_answer_used_gets_one_number_carrying_its_own_value_whichever_core_found_it()
    {
        const int People = 20_000;
        var random = new Random(11);
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new AnswerSeries[People];
        for (var p = 0; p < People; p++)
        {
            // Some people never answer, some answer now and then, most weekly; values identify person and answer.
            var count = p % 10 == 0 ? 0 : random.Next(1, 53);
            var ticks = Enumerable.Range(0, count).Select(w => year.AddDays(w * 7 + random.Next(0, 7)).UtcTicks).Order().ToArray();
            var columns = new AnswerColumns([.. Enumerable.Range(0, count).Select(i => (long)(p * 100 + i))], ticks,
                [.. Enumerable.Range(0, count).Select(i => p * 100.0 + i)], new byte[count]);
            series[p] = new AnswerSeries(columns, count);
        }
        var layout = new PeopleLayout([.. Enumerable.Range(0, People).Select(p => new GroupedPerson(p, $"p{p}", null, null, null, true))], []);
        var (from, to) = (year, year.AddYears(1));
        using var book = new AnswerBook(layout, series, CellsOf(series, 2026), [null], [], to);
        var months = Enumerable.Range(1, 12).Select(m => new DateOnly(2026, m, 1)).ToList();

        var (index, slots) = book.Latest(from.UtcTicks, to.UtcTicks);
        var monthly = book.LatestPerMonth(from.UtcTicks, to.UtcTicks, months);

        var numbered = new Dictionary<int, (int Person, double Value)>();
        var answers = new HashSet<(int Person, int Answer)>();
        void Check(int person, int slot, int answer)
        {
            answers.Add((person, answer));
            Assert.Equal(series[person].Columns.Values[answer], book.Value(slot));
            if (numbered.TryGetValue(slot, out var seen))
            {
                Assert.Equal((person, series[person].Columns.Values[answer]), seen); // one number, one answer
            }
            numbered[slot] = (person, book.Value(slot));
        }
        for (var p = 0; p < People; p++)
        {
            Assert.Equal(series[p].Count == 0 ? -1 : series[p].Count - 1, index[p]);
            if (index[p] >= 0)
            {
                Check(p, slots[p], index[p]);
            }
            for (var m = 0; m < months.Count; m++)
            {
                var monthEnd = m + 1 < months.Count ? new DateTimeOffset(months[m + 1].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks : to.UtcTicks;
                var expected = series[p].LatestWithin(new DateTimeOffset(months[m].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks, monthEnd);
                Assert.Equal(expected < 0, monthly[m][p] < 0);
                if (expected >= 0)
                {
                    Check(p, monthly[m][p], expected);
                }
            }
        }
        // One number per answer and one answer per number: the latest answer shares its month's number.
        Assert.Equal(answers.Count, numbered.Count);
        Assert.True(numbered.Count > People);
    }

    /// <summary>Every month's cells of <paramref name="year"/>, made as the store makes them.</summary>
    internal static Dictionary<int, MonthCells> CellsOf(AnswerSeries[] series, int year) =>
        Enumerable.Range(1, 12).Select(m => MonthCells.KeyOf(new DateOnly(year, m, 1))).ToDictionary(k => k, k => MonthCells.Of(k, series));

    [Fact]
    public void Windows_starting_and_ending_inside_a_month_find_what_a_search_of_each_persons_answers_finds()
    {
        var random = new Random(5);
        var year = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var series = new AnswerSeries[300];
        for (var p = 0; p < series.Length; p++)
        {
            // Several answers a month for some, so a window ending mid-month cuts between a month's answers.
            var count = random.Next(0, 80);
            var ticks = Enumerable.Range(0, count).Select(_ => year.AddMinutes(random.Next(0, 365 * 24 * 60)).UtcTicks).Order().ToArray();
            series[p] = new AnswerSeries(new AnswerColumns([.. Enumerable.Range(0, count).Select(i => (long)i)], ticks,
                [.. Enumerable.Range(0, count).Select(i => p * 1000.0 + i)], new byte[count]), count);
        }
        var layout = new PeopleLayout([.. Enumerable.Range(0, series.Length).Select(p => new GroupedPerson(p, $"p{p}", null, null, null, true))], []);
        using var book = new AnswerBook(layout, series, CellsOf(series, 2026), [null], [], year.AddYears(1));
        var months = Enumerable.Range(1, 12).Select(m => new DateOnly(2026, m, 1)).ToList();
        // Across every window: an answer keeps its number, and a number stays with its answer.
        var numberOf = new Dictionary<(int Person, int Answer), int>();
        var answerOf = new Dictionary<int, (int Person, int Answer)>();
        void Numbered(int person, int answer, int number)
        {
            Assert.Equal(number, numberOf.TryGetValue((person, answer), out var known) ? known : numberOf[(person, answer)] = number);
            Assert.Equal((person, answer), answerOf.TryGetValue(number, out var held) ? held : answerOf[number] = (person, answer));
            Assert.Equal(series[person].Columns.Values[answer], book.Value(number));
        }
        for (var window = 0; window < 20; window++)
        {
            var start = year.AddMinutes(random.Next(0, 200 * 24 * 60)).UtcTicks;
            var end = start + TimeSpan.FromMinutes(random.Next(1, 160 * 24 * 60)).Ticks;
            var (index, slots) = book.Latest(start, end);
            var monthly = book.LatestPerMonth(start, end, months);
            for (var p = 0; p < series.Length; p++)
            {
                Assert.Equal(series[p].LatestWithin(start, end), index[p]);
                for (var m = 0; m < months.Count; m++)
                {
                    var monthStart = new DateTimeOffset(months[m].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
                    var monthEnd = new DateTimeOffset(months[m].AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).UtcTicks;
                    var expected = series[p].LatestWithin(Math.Max(start, monthStart), Math.Min(end, monthEnd));
                    Assert.Equal(expected < 0, monthly[m][p] < 0);
                    if (expected >= 0)
                    {
                        Numbered(p, expected, monthly[m][p]);
                    }
                }
                if (index[p] >= 0)
                {
                    Numbered(p, index[p], slots[p]);
                }
            }
        }
    }
}
