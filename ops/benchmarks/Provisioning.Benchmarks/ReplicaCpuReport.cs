using System.Globalization;
using System.Text;

namespace Provisioning.Benchmarks;

/// <summary>With <c>--replica-cpus</c>: how the replicas ran and what each phase used of the CPU, so a reader sees whether the machine or the replicas' limits bound it.</summary>
internal static class ReplicaCpuReport
{
    public static string Describe(BenchmarkOptions options, CpuCgroup first) => string.Create(CultureInfo.InvariantCulture,
        $"{options.Replicas} worker processes as replicas (`dotnet src/Provisioning.Worker/bin/Release/net10.0/Provisioning.Worker.dll`, the run's settings as environment variables, one request budget row in PostgreSQL), each limited to {options.ReplicaCpus} CPU as a container's CPU limit by a CPU cgroup of its own that the process enters before the runtime starts (the first: {first.Limit}); the commands are published, and the outcome events heard, by a bus in the benchmark process that consumes no command");

    public static string ToMarkdown(BenchmarkOptions options, PhaseResult? oneReplica, IReadOnlyList<PhaseResult> phases)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"CPU during each phase, on {Environment.ProcessorCount} cores: the machine's busy cores (/proc/stat: replicas, RabbitMQ, PostgreSQL, emulator and driver together), the replica processes' cores (/proc/PID/stat) against their limits, and the share of CFS periods in which a replica used up its quota (its cgroup's cpu.stat: nr_throttled / nr_periods):");
        md.AppendLine();
        md.AppendLine("| Phase | Replicas | Limit | Machine busy cores | Replicas' cores | Throttled periods |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        var rows = (oneReplica is null ? [] : new[] { ("provision, one replica (reference)", oneReplica) })
            .Concat(phases.Select(p => (p.Name, p)));
        foreach (var (name, phase) in rows)
        {
            if (phase.Cpu is not { } cpu)
            {
                continue;
            }

            var limit = cpu.Replicas * options.ReplicaCpus!.Value;
            Line($"| {name} | {cpu.Replicas} | {limit:0.##} | {cpu.MachineBusyCores:F2} | {(cpu.ReplicaCores is { } cores ? $"{cores:F2}" : "n/a")} | {(cpu.ThrottledShare is { } share ? $"{share:P0}" : "n/a")} |");
        }

        return md.ToString();
    }
}
