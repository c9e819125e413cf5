using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Provisioning.Components.Tests.Maintenance;

/// <summary>
/// Records the SQL EF Core sends to one SQLite file (other tests run in parallel on files of their own), through
/// EF's DiagnosticListener.
/// </summary>
sealed class SqlRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    readonly string _dataSource;
    readonly IDisposable _subscription;
    readonly ConcurrentBag<IDisposable> _listeners = [];

    public SqlRecorder(string dataSource)
    {
        _dataSource = dataSource;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public ConcurrentQueue<string> Commands { get; } = new();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            _listeners.Add(value.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && data.Command.Connection?.DataSource == _dataSource)
        {
            Commands.Enqueue(data.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _subscription.Dispose();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }
    }
}
