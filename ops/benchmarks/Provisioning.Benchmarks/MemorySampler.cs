using System.Diagnostics;

namespace Provisioning.Benchmarks;

/// <summary>Samples the process's working set and GC heap while the run goes on, keeping the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    long _peakWorkingSet;
    long _peakGcHeap;

    public MemorySampler() => _loop = Task.Run(LoopAsync);

    /// <summary>The larger of the sampled peak and the kernel's high-water mark (VmHWM on Linux).</summary>
    public long PeakWorkingSet
    {
        get
        {
            Sample();
            using var process = Process.GetCurrentProcess();
            return Math.Max(Interlocked.Read(ref _peakWorkingSet), process.PeakWorkingSet64);
        }
    }

    /// <summary>Largest managed heap seen: the larger of the bytes in use now (GC.GetTotalMemory) and the heap size after the last GC (GCMemoryInfo.HeapSizeBytes).</summary>
    public long PeakGcHeap
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peakGcHeap);
        }
    }

    async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakGcHeap, Math.Max(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes));
    }

    static void Max(ref long peak, long value)
    {
        var current = Interlocked.Read(ref peak);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref peak, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
