using System.Globalization;

namespace Provisioning.Benchmarks;

/// <summary>
/// A CPU cgroup of its own for one replica process, with a quota of some cores as a container's CPU limit has
/// (Kubernetes <c>limits.cpu</c>, compose <c>cpus</c>): cgroup v1's <c>cpu</c> controller (<c>cpu.cfs_quota_us</c> per
/// <c>cpu.cfs_period_us</c>) or cgroup v2's <c>cpu.max</c>. Removed on dispose, once its process has ended.
/// </summary>
internal sealed class CpuCgroup : IDisposable
{
    /// <summary>The CFS period, the kernel's and the container runtimes' default: the quota is cores times this.</summary>
    public const long PeriodMicroseconds = 100_000;

    public const string DefaultRoot = "/sys/fs/cgroup";

    readonly string _directory;

    CpuCgroup(string directory, string limit)
    {
        _directory = directory;
        Limit = limit;
    }

    /// <summary>Write a process id here to move it into the cgroup (its children follow).</summary>
    public string ProcsFile => Path.Combine(_directory, "cgroup.procs");

    /// <summary>How the limit was applied, for the report: the file and what was written to it.</summary>
    public string Limit { get; }

    public static long QuotaMicroseconds(double cores) => (long)Math.Round(cores * PeriodMicroseconds, MidpointRounding.AwayFromZero);

    /// <summary>Creates <paramref name="name"/> under the cgroup v1 <c>cpu</c> hierarchy or, without one, the cgroup v2 root.</summary>
    public static CpuCgroup Create(string name, double cores, string root = DefaultRoot)
    {
        var quota = QuotaMicroseconds(cores).ToString(CultureInfo.InvariantCulture);
        var period = PeriodMicroseconds.ToString(CultureInfo.InvariantCulture);
        var v1 = Path.Combine(root, "cpu");
        var controllers = Path.Combine(root, "cgroup.controllers");
        try
        {
            if (File.Exists(Path.Combine(v1, "cpu.cfs_quota_us")))
            {
                var directory = Directory.CreateDirectory(Path.Combine(v1, name)).FullName;
                File.WriteAllText(Path.Combine(directory, "cpu.cfs_period_us"), period);
                File.WriteAllText(Path.Combine(directory, "cpu.cfs_quota_us"), quota);
                return new CpuCgroup(directory, $"cgroup v1 `{directory}`: cpu.cfs_quota_us {quota} per cpu.cfs_period_us {period}");
            }

            if (File.Exists(controllers) && File.ReadAllText(controllers).Split(' ', '\n').Contains("cpu"))
            {
                var subtree = Path.Combine(root, "cgroup.subtree_control");
                if (!File.Exists(subtree) || !File.ReadAllText(subtree).Split(' ', '\n').Contains("cpu"))
                {
                    // A child gets cpu.max only once its parent hands the cpu controller down.
                    File.WriteAllText(subtree, "+cpu");
                }

                var directory = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
                File.WriteAllText(Path.Combine(directory, "cpu.max"), $"{quota} {period}");
                return new CpuCgroup(directory, $"cgroup v2 `{directory}`: cpu.max \"{quota} {period}\"");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--replica-cpus could not create a CPU cgroup under {root} ({ex.Message}): it needs root, or a delegated cgroup.", ex);
        }

        throw new InvalidOperationException(
            $"--replica-cpus needs a writable CPU cgroup: neither {v1}/cpu.cfs_quota_us (cgroup v1) nor the cpu controller in {controllers} (cgroup v2) was found.");
    }

    /// <summary>Periods the quota was enforced in, and those in which it ran out (cpu.stat's nr_periods, nr_throttled).</summary>
    public (long Periods, long Throttled) ReadThrottling()
    {
        var stat = Path.Combine(_directory, "cpu.stat");
        if (!File.Exists(stat))
        {
            return (0, 0);
        }

        var values = File.ReadLines(stat)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && long.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        return (values.GetValueOrDefault("nr_periods"), values.GetValueOrDefault("nr_throttled"));
    }

    public void Dispose()
    {
        // A cgroup goes with rmdir once empty; its last process may take a moment to be reaped after it exits.
        for (var attempt = 0; Directory.Exists(_directory); attempt++)
        {
            try
            {
                Directory.Delete(_directory, recursive: false);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }
}
