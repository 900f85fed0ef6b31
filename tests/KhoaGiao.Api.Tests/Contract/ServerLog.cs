using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KhoaGiao.Api.Tests.Contract;

/// <summary>
/// Keeps the warnings and errors the service logs while the fuzz test runs, so that a 5xx in the report comes with
/// the exception behind it.
/// </summary>
public sealed class ServerLog : ILoggerProvider
{
    private const int Kept = 200;

    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    /// <summary>What was logged since the last call, emptied.</summary>
    public List<string> Drain()
    {
        var entries = new List<string>();
        while (_entries.TryDequeue(out var entry))
        {
            entries.Add(entry);
        }

        return entries;
    }

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

    private sealed class Logger(string category, ServerLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var error = exception?.GetBaseException() is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "";
                log.Add($"{logLevel} {category}: {formatter(state, exception)}{error}");
            }
        }
    }
}
