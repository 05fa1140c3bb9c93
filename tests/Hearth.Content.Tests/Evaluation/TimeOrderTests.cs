using Hearth.Content.Evaluation;

namespace Hearth.Content.Tests.Evaluation;

public class TimeOrderTests
{
    [Theory]
    [InlineData("2026-10,2026-2,2026-1,2025-12", "2025-12,2026-1,2026-2,2026-10")]
    [InlineData("month-10,month-2,month-1", "month-1,month-2,month-10")]
    [InlineData("2026-03-01,2025-12-31,2026-01-15", "2025-12-31,2026-01-15,2026-03-01")]
    [InlineData("10,9,-1,2.5,-10", "-10,-1,2.5,9,10")]
    [InlineData("1.25,1.5,1.125", "1.125,1.25,1.5")]
    [InlineData("w10,w9,w1", "w1,w9,w10")]
    public void Time_levels_sort_as_people_read_them(string levels, string expected)
    {
        Assert.Equal(expected.Split(','), TimeOrder.Sort(levels.Split(',')));
    }

    [Fact]
    public void Iso_dates_sort_as_their_text_does()
    {
        string[] dates = ["2026-11-05", "2026-02-28", "2025-12-01", "2026-02-03", "2026-10-30"];
        Assert.Equal(dates.Order(StringComparer.Ordinal), TimeOrder.Sort(dates));
    }

    [Fact]
    public void One_label_that_is_not_a_number_makes_the_whole_order_natural()
    {
        // Not all numbers, so natural order: digit runs by value, and digits before letters.
        Assert.Equal(["2", "10", "baseline"], TimeOrder.Sort(["baseline", "10", "2"]));
    }
}
