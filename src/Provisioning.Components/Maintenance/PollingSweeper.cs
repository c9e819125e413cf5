using Microsoft.Extensions.Hosting;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// Runs a sweep over the database at a fixed interval. Polling stands in for scheduled messages, which stock RabbitMQ
/// cannot deliver; a failed sweep is logged and tried again on the next tick, never stopping the host.
/// </summary>
public abstract class PollingSweeper(TimeSpan interval, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The clock the sweeps read, the one the timer runs on.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>What the log line calls this sweep, e.g. "Parked-command sweep".</summary>
    protected abstract string SweepName { get; }

    /// <summary>One pass; public on the subclasses so tests can run it without waiting for the timer.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{SweepName} failed; trying again in {Interval}", SweepName, interval);
            }
        }
    }
}
