using System.Globalization;
using System.Text;

namespace Provisioning.Benchmarks;

/// <summary>With <c>--replica-cpus</c>: how the replicas ran and what each phase used of the CPU, so a reader sees whether the machine or the replicas' limits bound it.</summary>
internal static class ReplicaCpuReport
{
    /// <summary>A replica counts as settled after a warm-up once it uses at most this many cores over a second.</summary>
    public const double SettledCores = 0.02;

    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(90);

    public static string Describe(BenchmarkOptions options, CpuCgroup first) => string.Create(CultureInfo.InvariantCulture,
        $"{options.Replicas} worker processes as replicas (`dotnet src/Provisioning.Worker/bin/Release/net10.0/Provisioning.Worker.dll`, the run's settings as environment variables, one request budget row in PostgreSQL), each limited to {options.ReplicaCpus} CPU as a container's CPU limit by a CPU cgroup of its own that the process enters before the runtime starts (the first: {first.Limit}); the commands are published, and the outcome events heard, by a bus in the benchmark process that consumes no command");

    /// <param name="settled">How long each wait for the replicas to settle before a measured phase took (null: not settled in <see cref="SettleLimit"/>).</param>
    /// <param name="idle">Measured with every replica running and no command in flight, before the measured phases.</param>
    public static string ToMarkdown(BenchmarkOptions options, IReadOnlyList<TimeSpan?> settled, CpuUse? idle, PhaseResult? oneReplica, IReadOnlyList<PhaseResult> phases)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"CPU during each phase, on {Environment.ProcessorCount} cores: the machine's busy cores (/proc/stat: everything on the machine), the benchmark process's (emulator, outcome observer, driver), the replica processes' (/proc/PID/stat) against the sum of their limits, the replicas' CPU time per command, and the share of CFS periods in which a replica used up its quota (its cgroup's cpu.stat: nr_throttled / nr_periods); the machine's cores less the other two are RabbitMQ, PostgreSQL and anything else running:");
        md.AppendLine();
        md.AppendLine("| Phase | Replicas | Limit | Machine busy cores | Benchmark process cores | Replicas' cores | Replica CPU per command | Throttled periods |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var rows = (oneReplica is null ? [] : new[] { ("provision, one replica (reference)", oneReplica) })
            .Concat(phases.Select(p => (p.Name, p)));
        foreach (var (name, phase) in rows)
        {
            if (phase.Cpu is not { ReplicaCores: { } cores } cpu)
            {
                continue;
            }

            var limit = cpu.Replicas * options.ReplicaCpus!.Value;
            var perCommand = cores * phase.WallTime.TotalMilliseconds / Math.Max(1, phase.Commands);
            Line($"| {name} | {cpu.Replicas} | {limit:0.##} | {cpu.MachineBusyCores:F2} | {cpu.DriverCores:F2} | {cores:F2} | {perCommand:F1} ms | {(cpu.ThrottledShare is { } share ? $"{share * 100:F0} %" : "n/a")} |");
        }

        if (settled.Count > 0)
        {
            md.AppendLine();
            var waits = string.Join(", then ", settled.Select(t => t is { } wait ? $"{wait.TotalSeconds:F1} s" : $"not within {SettleLimit.TotalSeconds:F0} s"));
            Line($"Before the measured phases ({(oneReplica is null ? "" : "the one-replica phase, then ")}the others) the run waited until every replica used at most {SettledCores} cores over a second, so that what a warm-up leaves running stays out of the measured phase: {waits}.");
        }

        if (idle is { ReplicaCores: { } idleCores })
        {
            md.AppendLine();
            Line($"Idle, before the measured phases (5 s with no command in flight): the {idle.Replicas} replicas used {idleCores:F3} cores together ({idleCores / idle.Replicas:F3} each: whatever a replica runs with no command in flight), the machine {idle.MachineBusyCores:F2}.");
        }

        return md.ToString();
    }
}
