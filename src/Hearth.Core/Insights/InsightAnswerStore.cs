using Hearth.Core.Measurements;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// Every scored answer the dashboards have read, per questionnaire score and person, in memory. A
/// dashboard question at 100,000 clinicians × 3 years would otherwise read millions of rows each time it
/// is asked (and each earlier question it is audited against); here it reads only the answers given since
/// the last question, and the store keeps the rest. One per process (a singleton); each instance reads the
/// shared database, so several instances agree.
/// <para>
/// Ids can commit out of order on PostgreSQL (a later id may commit first), so each refresh reads again
/// the last <see cref="Slack"/> ids it had seen and keeps an answer once. What it holds are scores only,
/// never answers to items; a person who is erased stops being counted at once (the dashboard asks the
/// database who the people are every time), and their scores leave memory when the process restarts.
/// </para>
/// </summary>
public sealed class InsightAnswerStore : IDisposable
{
    /// <summary>How many ids before the highest seen are read again, for answers that committed late.</summary>
    public const long Slack = 1000;

    private readonly Dictionary<(string Instrument, string Score), ScoreAnswers> _scores = [];
    private readonly Lock _lock = new();

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var answers in _scores.Values)
            {
                answers.Dispose();
            }
            _scores.Clear();
        }
    }

    /// <summary>Reads a score's answers ahead of the first question (at start-up), so nobody waits for the first read.</summary>
    public Task WarmAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken = default) =>
        ReadAsync(db, instrumentId, scoreId, cancellationToken);

    internal async Task<ScoreAnswers> ReadAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        ScoreAnswers answers;
        lock (_lock)
        {
            if (!_scores.TryGetValue((instrumentId, scoreId), out answers!))
            {
                _scores[(instrumentId, scoreId)] = answers = new ScoreAnswers();
            }
        }
        await answers.RefreshAsync(db, instrumentId, scoreId, cancellationToken);
        return answers;
    }
}

/// <summary>One score's answers, per person in the order given (time, then id).</summary>
internal sealed class ScoreAnswers : IDisposable
{
    private readonly Dictionary<string, PersonAnswers> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bands = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _lock = new();
    private long _highest;

    public void Dispose() => _refreshing.Dispose();

    public async Task RefreshAsync(HearthDbContext db, string instrumentId, string scoreId, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var after = _highest - InsightAnswerStore.Slack;
            var rows = from m in db.Measurements.AsNoTracking()
                       join s in db.Set<MeasurementScore>() on m.Id equals s.MeasurementId
                       where m.Id > after && m.InstrumentId == instrumentId && s.ScoreId == scoreId && s.Value != null
                       select new { m.Id, m.UserId, m.SubmittedAt, Value = s.Value!.Value, s.Band };
            var batch = new List<(long Id, string UserId, long Ticks, double Value, string? Band)>();
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                batch.Add((row.Id, row.UserId, row.SubmittedAt.UtcTicks, row.Value, row.Band));
                if (batch.Count == 65536)
                {
                    Apply(batch);
                }
            }
            Apply(batch);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private void Apply(List<(long Id, string UserId, long Ticks, double Value, string? Band)> batch)
    {
        lock (_lock)
        {
            foreach (var (id, userId, ticks, value, band) in batch)
            {
                if (!_byUser.TryGetValue(userId, out var person))
                {
                    _byUser[userId] = person = new PersonAnswers();
                }
                string? shared = null;
                if (band is not null && !_bands.TryGetValue(band, out shared))
                {
                    _bands[band] = shared = band; // one string per band, not one per answer
                }
                person.Add(id, ticks, value, shared);
                _highest = Math.Max(_highest, id);
            }
        }
        batch.Clear();
    }

    /// <summary>What each person had given when asked: later answers never change what a snapshot sees.</summary>
    public AnswerSeries[] Snapshot(IReadOnlyList<string> userIds)
    {
        var series = new AnswerSeries[userIds.Count];
        lock (_lock)
        {
            for (var i = 0; i < userIds.Count; i++)
            {
                series[i] = _byUser.TryGetValue(userIds[i], out var person) ? person.Snapshot() : AnswerSeries.None;
            }
        }
        return series;
    }
}

/// <summary>One person's answers to one score, oldest first; grows at the end in place, and is copied when an answer arrives out of order.</summary>
internal sealed class PersonAnswers
{
    private AnswerColumns _columns = new(new long[4], new long[4], new double[4], new string?[4]);
    private int _count;

    public void Add(long id, long ticks, double value, string? band)
    {
        var c = _columns;
        var at = _count;
        while (at > 0 && (c.Ticks[at - 1] > ticks || (c.Ticks[at - 1] == ticks && c.Ids[at - 1] >= id)))
        {
            if (c.Ids[at - 1] == id)
            {
                return; // read again within the slack: kept once
            }
            at--;
        }
        if (at == _count && _count < c.Ids.Length)
        {
            (c.Ids[at], c.Ticks[at], c.Values[at], c.Bands[at]) = (id, ticks, value, band);
            _count++; // written before it is counted, so a snapshot never sees half an answer
            return;
        }
        // Out of order or full: new arrays, so snapshots taken before keep theirs unchanged.
        var size = _count < c.Ids.Length ? c.Ids.Length : c.Ids.Length * 2;
        var copy = new AnswerColumns(new long[size], new long[size], new double[size], new string?[size]);
        Copy(c, 0, copy, 0, at);
        (copy.Ids[at], copy.Ticks[at], copy.Values[at], copy.Bands[at]) = (id, ticks, value, band);
        Copy(c, at, copy, at + 1, _count - at);
        _columns = copy;
        _count++;
    }

    public AnswerSeries Snapshot() => new(_columns, _count);

    private static void Copy(AnswerColumns from, int start, AnswerColumns to, int at, int length)
    {
        Array.Copy(from.Ids, start, to.Ids, at, length);
        Array.Copy(from.Ticks, start, to.Ticks, at, length);
        Array.Copy(from.Values, start, to.Values, at, length);
        Array.Copy(from.Bands, start, to.Bands, at, length);
    }
}

internal sealed record AnswerColumns(long[] Ids, long[] Ticks, double[] Values, string?[] Bands);

/// <summary>A person's answers as a question saw them: the first <see cref="Count"/> of the columns.</summary>
internal readonly record struct AnswerSeries(AnswerColumns Columns, int Count)
{
    public static readonly AnswerSeries None = new(new AnswerColumns([], [], [], []), 0);

    /// <summary>The last answer given at or after <paramref name="start"/> and before <paramref name="end"/> (UTC ticks), or -1.</summary>
    public int LatestWithin(long start, long end)
    {
        var ticks = Columns.Ticks;
        int lo = 0, hi = Count; // first index with ticks >= end
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ticks[mid] < end)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo > 0 && ticks[lo - 1] >= start ? lo - 1 : -1;
    }

    /// <summary>Whether any answer was given at or after <paramref name="start"/> and before <paramref name="end"/>.</summary>
    public bool AnyWithin(long start, long end) => end > start && LatestWithin(start, end) >= 0;
}
