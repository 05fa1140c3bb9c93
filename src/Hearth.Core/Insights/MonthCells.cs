using System.Runtime.CompilerServices;

namespace Hearth.Core.Insights;

/// <summary>
/// Each person's latest answer in one calendar month (UTC), by their position in the layout: the answer's index
/// in their series, when it was given, its value and its band. Every dashboard question draws a monthly trend
/// over a year; kept here, a question reads a dozen dense arrays instead of walking back through 100,000
/// people's answers (scattered over the heap) month by month. Once a snapshot has handed cells out they never
/// change: a month with new answers is copied and the copy brought up to date (see <see cref="ScoreAnswers"/>).
/// </summary>
internal sealed class MonthCells
{
    private MonthCells(int key, int people)
    {
        Key = key;
        var month = new DateTime(key / 12, key % 12 + 1, 1, 0, 0, 0, DateTimeKind.Utc);
        (Start, End) = (month.Ticks, month.AddMonths(1).Ticks);
        (Index, Ticks, Values, Bands) = (new int[people], new long[people], new double[people], new byte[people]);
    }

    /// <summary>The month, as <see cref="KeyOf(long)"/> numbers it.</summary>
    public int Key { get; }

    /// <summary>The month's first moment (UTC ticks).</summary>
    public long Start { get; }

    /// <summary>The next month's first moment (UTC ticks).</summary>
    public long End { get; }

    /// <summary>Per person: the index in their series of their latest answer in the month; -1 when they gave none.</summary>
    public int[] Index { get; }

    public long[] Ticks { get; }

    public double[] Values { get; }

    public byte[] Bands { get; }

    /// <summary>A month's number (months since the start of year 0, UTC) from any moment in it.</summary>
    public static int KeyOf(long utcTicks)
    {
        var moment = new DateTime(utcTicks, DateTimeKind.Utc);
        return moment.Year * 12 + moment.Month - 1;
    }

    /// <summary>The month holding <paramref name="day"/>.</summary>
    public static int KeyOf(DateOnly day) => day.Year * 12 + day.Month - 1;

    /// <summary>The month's cells for everyone in <paramref name="series"/> (by position).</summary>
    public static MonthCells Of(int key, AnswerSeries[] series)
    {
        var cells = new MonthCells(key, series.Length);
        PersonRanges.Run(series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
        {
            for (var p = from; p < to; p++)
            {
                cells.Set(p, series[p]);
            }
        });
        return cells;
    }

    /// <summary>A copy to bring up to date, leaving this one as earlier snapshots saw it.</summary>
    public MonthCells Copy()
    {
        var copy = new MonthCells(Key, Index.Length);
        Index.CopyTo(copy.Index);
        Ticks.CopyTo(copy.Ticks);
        Values.CopyTo(copy.Values);
        Bands.CopyTo(copy.Bands);
        return copy;
    }

    /// <summary>Finds person <paramref name="position"/>'s latest answer in the month in <paramref name="series"/>.</summary>
    public void Set(int position, AnswerSeries series)
    {
        var at = series.LatestWithin(Start, End);
        Index[position] = at;
        if (at >= 0)
        {
            var columns = series.Columns;
            (Ticks[position], Values[position], Bands[position]) = (columns.Ticks[at], columns.Values[at], columns.Bands[at]);
        }
    }

    /// <summary>
    /// Person <paramref name="p"/>'s latest answer in the month at or after <paramref name="start"/> and before
    /// <paramref name="end"/> (UTC ticks), as an index into <paramref name="series"/> (theirs, as the cells were
    /// made from); -1 when none. The cell answers unless the span ends inside the month after the month's latest
    /// answer; then the series is searched.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int LatestWithin(int p, long start, long end, in AnswerSeries series)
    {
        var at = Index[p];
        if (at < 0 || Ticks[p] < start)
        {
            return -1; // the month's latest answer is before the span: so is all the month
        }
        return Ticks[p] < end ? at : series.LatestWithin(Math.Max(start, Start), end);
    }
}
