using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Provisioning.Cloudflare.Tests.Infrastructure;

public sealed record LogEntry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Properties, Exception? Exception)
{
    public object? Property(string name) => Properties.FirstOrDefault(p => p.Key == name).Value;

    /// <summary>Everything a sink could write: message, property values, exception with its inner exceptions.</summary>
    public string Everything => string.Join('\n', new[] { Message, Exception?.ToString() ?? "" }
        .Concat(Properties.Select(p => $"{p.Key}={p.Value}")));
}

/// <summary>Keeps every log entry at every level, for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), properties.ToList(), exception));
        }
    }
}
