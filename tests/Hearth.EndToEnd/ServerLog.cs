using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hearth.EndToEnd;

/// <summary>
/// The app's warnings and errors while a browser journey runs, kept in memory. A journey that times out in the
/// browser only knows that the page never came; what the server said at the time is what explains it.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 50;
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>The latest entries, oldest first.</summary>
    public IReadOnlyList<string> Latest => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Kept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Recorder(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $" — {exception.GetType().Name}: {exception.Message}")}");
            }
        }
    }
}
