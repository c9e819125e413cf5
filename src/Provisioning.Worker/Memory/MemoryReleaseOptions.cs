namespace Provisioning.Worker.Memory;

/// <summary>
/// When the worker gives memory back to the system after a burst of work (section "Memory"). A burst (thousands of
/// commands arriving, a fleet catching up) leaves the .NET GC's heap and the native heap at their high-water mark,
/// which the GC keeps as budget for the next burst; on a host that packs replicas that memory is better returned.
/// </summary>
public sealed class MemoryReleaseOptions
{
    public const string SectionName = "Memory";

    /// <summary>
    /// How long without a consumed message counts as idle; the memory is released once per burst, this long after its
    /// last message. Zero turns the release off. Default 30 seconds.
    /// </summary>
    public TimeSpan ReleaseAfterIdle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes the process must have allocated since the last release for a new one to be worth its pause (a full,
    /// compacting collection). Default 32 MiB: one command every few minutes does not reach it; a burst does.
    /// </summary>
    public long MinimumAllocatedBytes { get; set; } = 32L * 1024 * 1024;
}
