using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>A Serilog sink keeping every event, for assertions on what the worker logs.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
