using MassTransit;

namespace Provisioning.Components.Persistence.SagaRepository;

public static class DatabaseConflictRetryExtensions
{
    /// <summary>
    /// For saga endpoints and consumers that write to the database. Re-runs a delivery (with a fresh DbContext) after an optimistic concurrency conflict, a unique-key race
    /// on a new instance, or a transient database error (<see cref="DatabaseConflicts.IsRetryable"/>); jittered
    /// delays from <paramref name="minDelay"/> (default 10 ms) doubling up to <paramref name="maxDelay"/> (default 500 ms).
    /// Put it before <c>UseInMemoryOutbox</c>, so messages of a failed attempt are never sent.
    /// </summary>
    public static void UseDatabaseConflictRetry(this IConsumePipeConfigurator configurator, int retryLimit = 15,
        TimeSpan? minDelay = null, TimeSpan? maxDelay = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryLimit);
        var min = minDelay ?? TimeSpan.FromMilliseconds(10);
        var max = maxDelay ?? TimeSpan.FromMilliseconds(500);

        configurator.UseMessageRetry(r =>
        {
            r.SetRetryPolicy(filter => new JitteredRetryPolicy(filter, retryLimit, min, max));
            r.Handle<Exception>(DatabaseConflicts.IsRetryable);
        });
    }
}
