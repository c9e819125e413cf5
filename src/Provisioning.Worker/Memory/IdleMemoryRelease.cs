using Microsoft.Extensions.Options;

namespace Provisioning.Worker.Memory;

/// <summary>
/// Releases the worker's free memory once a burst of work is over (<see cref="IdleReleasePolicy"/>), checking every
/// few seconds. Nothing happens while messages keep arriving, so the pause of the release never meets a command.
/// </summary>
public sealed partial class IdleMemoryRelease(
    WorkActivity activity,
    IOptions<MemoryReleaseOptions> options,
    TimeProvider time,
    ILogger<IdleMemoryRelease> logger) : BackgroundService
{
    /// <summary>How often the counters are read; a fraction of the idle time, at most 5 seconds.</summary>
    internal TimeSpan CheckInterval => TimeSpan.FromTicks(Math.Clamp(options.Value.ReleaseAfterIdle.Ticks / 6,
        TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>What releases the memory; the tests count the calls instead.</summary>
    internal Func<ProcessMemory.Release> Release { get; init; } = ProcessMemory.ReleaseFreeMemory;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ReleaseAfterIdle <= TimeSpan.Zero)
            return;

        var policy = new IdleReleasePolicy(options.Value, time.GetUtcNow());
        using var timer = new PeriodicTimer(CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var allocated = GC.GetTotalAllocatedBytes();
            if (!policy.ShouldRelease(time.GetUtcNow(), activity.Consumed, allocated))
                continue;

            var started = time.GetTimestamp();
            var released = Release();
            var elapsed = time.GetElapsedTime(started);
            policy.Released(GC.GetTotalAllocatedBytes());
            LogReleased(options.Value.ReleaseAfterIdle.TotalSeconds, released.ResidentBefore / Mebibyte, released.ResidentAfter / Mebibyte,
                released.HeapBefore / Mebibyte, released.HeapAfter / Mebibyte, (long)elapsed.TotalMilliseconds);
        }
    }

    const long Mebibyte = 1024 * 1024;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "No work for {IdleSeconds} s after a burst: memory released, resident {ResidentBeforeMb} -> {ResidentAfterMb} MB, GC heap {HeapBeforeMb} -> {HeapAfterMb} MB, in {ElapsedMs} ms")]
    partial void LogReleased(double idleSeconds, long residentBeforeMb, long residentAfterMb, long heapBeforeMb, long heapAfterMb, long elapsedMs);
}
