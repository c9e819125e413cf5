using MassTransit;

namespace Provisioning.Worker.Memory;

/// <summary>Counts the messages the worker's consumers and sagas handle: the worker is idle while the count stands still.</summary>
public sealed class WorkActivity : IConsumeObserver
{
    long _consumed;

    /// <summary>Messages consumed so far, faulted ones included.</summary>
    public long Consumed => Interlocked.Read(ref _consumed);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref _consumed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Interlocked.Increment(ref _consumed);
        return Task.CompletedTask;
    }
}
