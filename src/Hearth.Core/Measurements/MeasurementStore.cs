using System.Threading.Channels;
using Hearth.Core.Persistence;

namespace Hearth.Core.Measurements;

/// <summary>Where submitted measurements are committed.</summary>
public interface IMeasurementStore
{
    /// <summary>Completes once the measurement is committed (durable), or throws.</summary>
    Task SaveAsync(Measurement measurement, CancellationToken cancellationToken = default);
}

/// <summary>One transaction per measurement, on the caller's context. For tests and tools.</summary>
public sealed class DirectMeasurementStore(HearthDbContext db) : IMeasurementStore
{
    public async Task SaveAsync(Measurement measurement, CancellationToken cancellationToken = default)
    {
        db.Measurements.Add(measurement);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Group commit: measurements submitted at the same moment are written together in one transaction
/// by a single writer (with plain commands: <see cref="MeasurementRows"/>), and each caller is answered only after that transaction commits. A database
/// accepts one writer at a time (SQLite strictly); many small competing transactions would queue on
/// its lock, while one writer committing batches keeps latency flat under load. A failed batch fails
/// every request in it, so nothing is reported saved that was not.
/// </summary>
public sealed class BatchingMeasurementStore : IMeasurementStore, IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<(Measurement Measurement, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(Measurement, TaskCompletionSource)>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Func<HearthDbContext> _newContext;
    private readonly Task _writer;

    public BatchingMeasurementStore(Func<HearthDbContext> newContext)
    {
        _newContext = newContext;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task SaveAsync(Measurement measurement, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((measurement, done), cancellationToken);
        // Once queued, the outcome is awaited whatever the caller's token says: reporting "failed" for
        // answers that then commit would invite a duplicate.
        await done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(Measurement Measurement, TaskCompletionSource Done)>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            try
            {
                await using var db = _newContext();
                await MeasurementRows.InsertAsync(db, [.. batch.Select(b => b.Measurement)]);
                foreach (var (_, done) in batch)
                {
                    done.TrySetResult();
                }
            }
            catch (Exception)
            {
                // One bad row (say, its author deleted their account meanwhile) must not fail everyone
                // else's answers: retry each on its own and report each outcome.
                foreach (var (measurement, done) in batch)
                {
                    try
                    {
                        await using var single = _newContext();
                        measurement.Id = 0;
                        foreach (var score in measurement.Scores)
                        {
                            score.Id = 0;
                            score.MeasurementId = 0;
                        }
                        single.Measurements.Add(measurement);
                        await single.SaveChangesAsync();
                        done.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        done.TrySetException(ex);
                    }
                }
            }
            batch.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }
}
