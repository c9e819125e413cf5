using System.Diagnostics;
using System.Globalization;

namespace Provisioning.Benchmarks;

/// <summary>
/// What a phase used of the CPU: the machine's busy cores (everything: replicas, broker, database, emulator, driver), the
/// benchmark process's (emulator, observer, driver) and, with replica processes, their cores and the share of CFS
/// periods in which a replica used up its quota.
/// </summary>
internal sealed record CpuUse(double MachineBusyCores, double DriverCores, int Replicas, double? ReplicaCores, double? ThrottledShare);

/// <summary>Reads the machine's CPU time (/proc/stat) and the replica processes' (/proc/PID/stat, their cgroups' cpu.stat).</summary>
internal sealed class CpuMeter(Func<IReadOnlyList<ReplicaProcess>> replicas)
{
    /// <summary>USER_HZ, the unit of /proc/stat and /proc/PID/stat: 100 on Linux (sysconf(_SC_CLK_TCK)).</summary>
    const double TicksPerSecond = 100;

    public sealed record Snapshot(
        DateTimeOffset At, long MachineBusy, long MachineTotal, TimeSpan Driver, IReadOnlyDictionary<int, (long Ticks, long Periods, long Throttled)> Replicas);

    public static bool Available => File.Exists("/proc/stat");

    public Snapshot Take()
    {
        var (busy, total) = ParseMachine(File.ReadLines("/proc/stat").First());
        var processes = new Dictionary<int, (long, long, long)>();
        foreach (var replica in replicas())
        {
            var path = $"/proc/{replica.ProcessId.ToString(CultureInfo.InvariantCulture)}/stat";
            if (File.Exists(path))
            {
                var (periods, throttled) = replica.Cgroup.ReadThrottling();
                processes[replica.ProcessId] = (ParseProcessTicks(File.ReadAllText(path)), periods, throttled);
            }
        }

        using var driver = Process.GetCurrentProcess();
        return new Snapshot(DateTimeOffset.UtcNow, busy, total, driver.TotalProcessorTime, processes);
    }

    public CpuUse Since(Snapshot before)
    {
        var now = Take();
        var machine = now.MachineTotal == before.MachineTotal
            ? 0
            : (double)(now.MachineBusy - before.MachineBusy) / (now.MachineTotal - before.MachineTotal) * Environment.ProcessorCount;
        var seconds = (now.At - before.At).TotalSeconds;
        var driver = (now.Driver - before.Driver).TotalSeconds / seconds;
        // Only replicas that ran the whole phase: one added or taken away during it would count for part of the time.
        var both = now.Replicas.Keys.Intersect(before.Replicas.Keys).ToList();
        if (both.Count == 0)
        {
            return new CpuUse(machine, driver, 0, null, null);
        }

        var ticks = both.Sum(pid => now.Replicas[pid].Ticks - before.Replicas[pid].Ticks);
        var periods = both.Sum(pid => now.Replicas[pid].Periods - before.Replicas[pid].Periods);
        var throttled = both.Sum(pid => now.Replicas[pid].Throttled - before.Replicas[pid].Throttled);
        return new CpuUse(machine, driver, both.Count, ticks / TicksPerSecond / seconds, periods == 0 ? null : (double)throttled / periods);
    }

    /// <summary>
    /// Waits, up to <paramref name="limit"/>, until no replica uses more than <paramref name="idleCores"/> over a second,
    /// so that what a warm-up leaves running is not paid by the measured phase. Returns how long it took, or null when
    /// the limit was reached.
    /// </summary>
    public async Task<TimeSpan?> SettleAsync(double idleCores, TimeSpan limit)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            var before = Take();
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (Since(before) is { ReplicaCores: { } cores, Replicas: > 0 } use && cores / use.Replicas <= idleCores)
            {
                return waited.Elapsed;
            }
        }

        return null;
    }

    /// <summary>What is used over <paramref name="period"/> while nothing is asked of the replicas.</summary>
    public async Task<CpuUse> IdleAsync(TimeSpan period)
    {
        var before = Take();
        await Task.Delay(period);
        return Since(before);
    }

    /// <summary>The first line of /proc/stat, <c>cpu user nice system idle iowait irq softirq steal guest guest_nice</c>: busy and total ticks.</summary>
    public static (long Busy, long Total) ParseMachine(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
        {
            throw new FormatException($"not the cpu line of /proc/stat: '{line}'");
        }

        // guest time is already counted in user, so only the first eight count towards the total.
        var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = ticks.Sum();
        return (total - ticks[3] - ticks[4], total);
    }

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15; the command name in parentheses may hold spaces).</summary>
    public static long ParseProcessTicks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
