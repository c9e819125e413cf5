using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Outbox;

/// <summary>
/// Publishes what the outbox holds: at once when a commit in this process wakes it, and every <c>Outbox:PollInterval</c>
/// for rows nobody woke it for (a replica killed between its commit and its publish). Drains in bounded batches,
/// keeps the pending gauge current and deletes dispatched rows past their retention.
/// </summary>
public sealed class OutboxRelay(
    OutboxDispatcher dispatcher,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ProvisioningMetrics metrics,
    ILogger<OutboxRelay> logger,
    IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);

    DateTimeOffset _nextCount = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // In a host the bus starts after this service: publish once everything has started.
        await WaitForHostStartAsync(stoppingToken);
        // Every pass waits on the same signal, and a wake wakes one of them: a commit during a pass is claimed by a
        // waiting one at once. The first pass also keeps the gauge and deletes old rows.
        await Task.WhenAll(Enumerable.Range(0, options.Value.ConcurrentPasses).Select(i => PassAsync(housekeeping: i == 0, stoppingToken)));
    }

    async Task PassAsync(bool housekeeping, CancellationToken stoppingToken)
    {
        var nextCleanup = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!housekeeping)
                {
                    await DrainBatchesAsync(stoppingToken);
                }
                else
                {
                    await DrainAsync(stoppingToken);
                    if (time.GetUtcNow() >= nextCleanup)
                    {
                        await dispatcher.DeleteDispatchedAsync(stoppingToken);
                        nextCleanup = time.GetUtcNow() + CleanupInterval;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox relay pass failed; trying again in {PollInterval}", options.Value.PollInterval);
            }

            await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>Publishes batches until one comes back short, then updates the pending gauge when due; public so tests can run a pass without the loop.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await DrainBatchesAsync(cancellationToken);

        // The pending gauge is counted once per poll interval, not after every commit's wake: a COUNT between two
        // passes would delay the rows committed meanwhile.
        if (time.GetUtcNow() >= _nextCount)
        {
            metrics.SetOutboxPending(await dispatcher.CountPendingAsync(cancellationToken));
            _nextCount = time.GetUtcNow() + options.Value.PollInterval;
        }
    }

    async Task DrainBatchesAsync(CancellationToken cancellationToken)
    {
        while (await dispatcher.DispatchBatchAsync(cancellationToken) >= options.Value.BatchSize)
        {
        }
    }

    async Task WaitForHostStartAsync(CancellationToken stoppingToken)
    {
        if (lifetime is null || lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
