namespace Provisioning.Components.Persistence.SagaRepository;

public static class DatabaseConflictRetryExtensions
{
    /// <summary>
    /// For saga endpoints and consumers that write to the database: re-runs a delivery (with a fresh DbContext) after
    /// an optimistic concurrency conflict, a unique-key race on a new row, or a transient database error
    /// (<see cref="DatabaseConflicts.IsRetryable"/>). Delays grow exponentially from <paramref name="minDelay"/> (10 ms)
    /// up to <paramref name="maxDelay"/> (500 ms), about 8 s in all with the defaults, far below RabbitMQ's 30-minute
    /// consumer timeout. MassTransit's exponential policy draws a new jitter (±20 % of the step) for every attempt, so
    /// deliveries that lost the same optimistic race do not come back together and collide again. Put it before <c>UseInMemoryOutbox</c>, so a failed attempt sends nothing.
    /// </summary>
    public static void UseDatabaseConflictRetry(this IConsumePipeConfigurator configurator, int retryLimit = 20,
        TimeSpan? minDelay = null, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentOutOfRangeException.ThrowIfNegative(retryLimit);
        var min = minDelay ?? TimeSpan.FromMilliseconds(10);
        var max = maxDelay ?? TimeSpan.FromMilliseconds(500);

        configurator.UseMessageRetry(r =>
        {
            r.Exponential(retryLimit, min, max, min);
            r.Handle<Exception>(DatabaseConflicts.IsRetryable);
        });
    }
}
