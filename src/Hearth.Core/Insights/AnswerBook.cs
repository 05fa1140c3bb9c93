using System.Buffers;
using System.Runtime.CompilerServices;

namespace Hearth.Core.Insights;

/// <summary>
/// The answers one question can see (its own and those of the earlier questions it is audited against), each
/// with a number that every figure counting it shares, as <see cref="Figure"/> wants.
/// <para>
/// Nearly every answer a dashboard counts is some person's latest in some month: a group's figure counts each
/// member's latest answer in the period, which is their latest in the last month they answered in, and the trend
/// counts each month's. Such an answer is numbered by where it sits in the months' cells, <c>(month &lt;&lt; shift) |
/// person</c>, and its value is read there, so numbering a million answers costs nothing and no answer is copied.
/// Only an answer found in a period that ends inside its month, after which the person answered again that month
/// (an earlier question asked mid-month), is no month's latest: those few are numbered after the cells, once each.
/// Numbers are therefore not dense; the audit allows for gaps.
/// </para>
/// </summary>
internal sealed class AnswerBook : IDisposable
{
    private readonly AnswerSeries[] _series;
    private readonly MonthCells[] _months; // the covering period's months, in order
    private readonly int _firstMonth;      // the key of _months[0]
    private readonly int _shift;           // a cell answer's number: (month offset << _shift) | person
    private readonly int _othersFrom;      // the first number after every cell's
    private readonly Dictionary<(int Person, int Answer), int> _others = [];
    private readonly List<(double Value, byte Band)> _otherValues = [];
    private readonly string?[] _bands;
    private readonly long[] _minutes;
    // What several builds of one question share (the question itself and each earlier one it is audited
    // against): the same window's latest answers, the same grouping's groups, the same figure.
    private readonly Dictionary<(long, long), (int[] Index, int[] Slot)> _latest = [];
    private readonly Dictionary<(long, long), int[][]> _monthly = [];
    private readonly Dictionary<string, Figure> _figures = new(StringComparer.Ordinal);
    /// <summary>Per-person arrays lent to this question (a year's months are a dozen arrays of 100,000), returned when it is done.</summary>
    private readonly List<int[]> _borrowed = [];

    /// <param name="months">Each person's latest answer in each month of the period covering every question the book serves, made from <paramref name="series"/>.</param>
    /// <param name="bands">What each band number of the series stands for (0: none).</param>
    /// <param name="minutes">The minutes (UTC ticks at the minute's start) in which anyone answered, in order.</param>
    /// <param name="now">When the question is asked: what the snapshot holds was given before it.</param>
    public AnswerBook(PeopleLayout layout, AnswerSeries[] series, IReadOnlyDictionary<int, MonthCells> months, string?[] bands, long[] minutes, DateTimeOffset now)
    {
        (Layout, _series, _bands, _minutes, Now) = (layout, series, bands, minutes, now);
        _months = [.. months.Values.OrderBy(m => m.Key)];
        for (var m = 1; m < _months.Length; m++)
        {
            if (_months[m].Key != _months[m - 1].Key + 1)
            {
                throw new ArgumentException("the months' cells must follow one another, with none missing", nameof(months));
            }
        }
        _firstMonth = _months.Length == 0 ? 0 : _months[0].Key;
        _shift = Math.Max(1, 32 - int.LeadingZeroCount(Math.Max(1, series.Length - 1)));
        if (((long)_months.Length << _shift) > int.MaxValue / 2)
        {
            throw new ArgumentException("too many months and people to number their answers", nameof(months));
        }
        _othersFrom = _months.Length << _shift;
    }

    public void Dispose()
    {
        foreach (var array in _borrowed)
        {
            ArrayPool<int>.Shared.Return(array);
        }
    }

    /// <summary>The people and teams asked about, with the groups already built from them.</summary>
    public PeopleLayout Layout { get; }

    public IReadOnlyList<GroupedPerson> People => Layout.People;

    public DateTimeOffset Now { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Value(int number) => number < _othersFrom
        ? _months[number >> _shift].Values[number & ((1 << _shift) - 1)]
        : _otherValues[number - _othersFrom].Value;

    /// <summary>The number of the band an answer fell in (0: none); <see cref="BandName"/> says which.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte BandNumber(int number) => number < _othersFrom
        ? _months[number >> _shift].Bands[number & ((1 << _shift) - 1)]
        : _otherValues[number - _othersFrom].Band;

    /// <summary>What band number <paramref name="number"/> stands for; the numbers run below <see cref="BandCount"/>.</summary>
    public string? BandName(int number) => _bands[number];

    public int BandCount => _bands.Length;

    /// <summary>
    /// Whether anyone may have answered at or after <paramref name="start"/> and before <paramref name="end"/>:
    /// true when anyone answered within a minute of that span, so it errs towards "yes" (one more earlier
    /// question rebuilt), never towards "no".
    /// </summary>
    public bool AnyWithin(DateTimeOffset start, DateTimeOffset end) => AnyWithin(start.UtcTicks, end.UtcTicks);

    /// <inheritdoc cref="AnyWithin(DateTimeOffset, DateTimeOffset)"/>
    public bool AnyWithin(long start, long end)
    {
        if (end <= start)
        {
            return false;
        }
        var first = start - TimeSpan.TicksPerMinute; // the minute that holds start begins at most a minute before it
        var at = Array.BinarySearch(_minutes, first);
        at = at < 0 ? ~at : at;
        return at < _minutes.Length && _minutes[at] < end;
    }

    /// <summary>
    /// Each person's latest answer at or after <paramref name="start"/> and before <paramref name="end"/> (UTC
    /// ticks): its index in their series (-1: none) and its number.
    /// </summary>
    public (int[] Index, int[] Slot) Latest(long start, long end)
    {
        if (_latest.TryGetValue((start, end), out var found))
        {
            return found;
        }
        var (index, slots) = (PerPerson(), PerPerson());
        // The window's months, latest first: a person's latest answer in the window is in the latest month they answered in.
        var offsets = MonthsBetween(start, end);
        offsets.Reverse();
        var others = PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
        {
            var count = 0;
            for (var p = from; p < to; p++)
            {
                var (at, number) = (-1, -1);
                foreach (var offset in offsets)
                {
                    if ((at = _months[offset].LatestWithin(p, start, end, _series[p])) >= 0)
                    {
                        number = CellNumber(offset, p, at);
                        break;
                    }
                }
                (index[p], slots[p]) = (at, number);
                count += number < -1 ? 1 : 0;
            }
            return count;
        });
        NumberOthers(others, [slots], [index]);
        return _latest[(start, end)] = (index, slots);
    }

    /// <summary>
    /// Each person's latest answer in each of <paramref name="months"/> within the window (numbered; -1: none),
    /// read from the months' cells: a dense array per month instead of a walk through every person's answers.
    /// </summary>
    public int[][] LatestPerMonth(long start, long end, IReadOnlyList<DateOnly> months)
    {
        if (_monthly.TryGetValue((start, end), out var monthly))
        {
            return monthly;
        }
        var offsets = new int[months.Count];
        monthly = new int[months.Count][];
        var answers = new int[months.Count][];
        for (var m = 0; m < months.Count; m++)
        {
            (monthly[m], answers[m]) = (PerPerson(), PerPerson());
            // A month after the window ends has no answers in it; in any other every person's place is written below.
            offsets[m] = Math.Max(start, InsightFigures.StartOf(months[m]).UtcTicks) < end ? OffsetOf(MonthCells.KeyOf(months[m])) : -1;
            if (offsets[m] < 0)
            {
                Array.Fill(monthly[m], -1);
            }
        }
        var others = PersonRanges.Run(_series.Length, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (from, to) =>
        {
            var count = 0;
            for (var m = 0; m < offsets.Length; m++)
            {
                if (offsets[m] < 0)
                {
                    continue;
                }
                var (cells, numbers, found) = (_months[offsets[m]], monthly[m], answers[m]);
                for (var p = from; p < to; p++)
                {
                    var at = found[p] = cells.LatestWithin(p, start, end, _series[p]);
                    numbers[p] = at < 0 ? -1 : CellNumber(offsets[m], p, at);
                    count += numbers[p] < -1 ? 1 : 0;
                }
            }
            return count;
        });
        NumberOthers(others, monthly, answers);
        return _monthly[(start, end)] = monthly;
    }

    /// <summary>
    /// The number of person <paramref name="p"/>'s answer <paramref name="at"/>, found in the month at <paramref name="offset"/>:
    /// its cell's when it is that month's latest, otherwise -2 (numbered by <see cref="NumberOthers"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CellNumber(int offset, int p, int at) => _months[offset].Index[p] == at ? (offset << _shift) | p : -2;

    /// <summary>Numbers, in person order, the answers found that are no month's latest (-2 in <paramref name="numbers"/>), each once.</summary>
    private void NumberOthers(int[] counts, int[][] numbers, int[][] answers)
    {
        if (counts.Sum() == 0)
        {
            return;
        }
        for (var p = 0; p < _series.Length; p++)
        {
            for (var m = 0; m < numbers.Length; m++)
            {
                if (numbers[m][p] != -2)
                {
                    continue;
                }
                var answer = answers[m][p];
                if (!_others.TryGetValue((p, answer), out var number))
                {
                    _others[(p, answer)] = number = _othersFrom + _otherValues.Count;
                    var columns = _series[p].Columns;
                    _otherValues.Add((columns.Values[answer], columns.Bands[answer]));
                }
                numbers[m][p] = number;
            }
        }
    }

    /// <summary>Where the months from the one holding <paramref name="start"/> to the one holding the moment before <paramref name="end"/> are in the cells, in order.</summary>
    private List<int> MonthsBetween(long start, long end)
    {
        var offsets = new List<int>();
        for (var month = MonthCells.KeyOf(start); end > start && month <= MonthCells.KeyOf(end - 1); month++)
        {
            offsets.Add(OffsetOf(month));
        }
        return offsets;
    }

    private int OffsetOf(int month) => month - _firstMonth is var offset && offset >= 0 && offset < _months.Length ? offset
        : throw new InvalidOperationException($"the snapshot has no cells for month {month / 12}-{month % 12 + 1:00}: the book's months must cover every question's");

    /// <summary>An array with a place for each person (perhaps more), borrowed until the book is disposed: fresh ones would be
    /// new large objects each question, which the collector reclaims only in full collections.</summary>
    private int[] PerPerson()
    {
        var array = ArrayPool<int>.Shared.Rent(_series.Length);
        _borrowed.Add(array);
        return array;
    }

    /// <summary>The figure of <paramref name="key"/> (which names its group, window and answers), built once.</summary>
    public Figure Figure(string key, Func<Figure> build)
    {
        if (!_figures.TryGetValue(key, out var figure))
        {
            _figures[key] = figure = build();
        }
        return figure;
    }
}
