namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>A test that creates memory cgroups (ops/benchmarks/memory-cgroup.sh): skipped where no controller is writable.</summary>
public sealed class MemoryCgroupFactAttribute : FactAttribute
{
    public MemoryCgroupFactAttribute()
    {
        if (!Writable)
        {
            Skip = "No writable memory cgroup controller (cgroup v1 /sys/fs/cgroup/memory or v2 /sys/fs/cgroup): needs root.";
        }
    }

    static bool Writable =>
        IsWritableDirectory("/sys/fs/cgroup/memory")
        || (File.Exists("/sys/fs/cgroup/cgroup.controllers")
            && File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Split(' ', '\n').Contains("memory")
            && IsWritableDirectory("/sys/fs/cgroup"));

    static bool IsWritableDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return false;
        }

        var probe = Path.Combine(path, $"wfp-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
