namespace Provisioning.Worker.Memory;

/// <summary>
/// Decides, from what the worker consumed and allocated, when a burst of work has ended: no message consumed for
/// <see cref="MemoryReleaseOptions.ReleaseAfterIdle"/>, and enough allocated since the last release to be worth one.
/// Once per burst: after a release it waits for new work before it says yes again.
/// </summary>
public sealed class IdleReleasePolicy(MemoryReleaseOptions options, DateTimeOffset start)
{
    long _lastConsumed;
    DateTimeOffset _lastActivity = start;
    long _allocatedAtRelease;
    bool _workSinceRelease;

    /// <summary>True when the memory should be released now; call it on every check with the current counters.</summary>
    public bool ShouldRelease(DateTimeOffset now, long consumed, long allocatedBytes)
    {
        if (consumed != _lastConsumed)
        {
            _lastConsumed = consumed;
            _lastActivity = now;
            _workSinceRelease = true;
            return false;
        }

        return options.ReleaseAfterIdle > TimeSpan.Zero
            && _workSinceRelease
            && now - _lastActivity >= options.ReleaseAfterIdle
            && allocatedBytes - _allocatedAtRelease >= options.MinimumAllocatedBytes;
    }

    /// <summary>Records a release: the next one needs new work and new allocations.</summary>
    public void Released(long allocatedBytes)
    {
        _allocatedAtRelease = allocatedBytes;
        _workSinceRelease = false;
    }
}
