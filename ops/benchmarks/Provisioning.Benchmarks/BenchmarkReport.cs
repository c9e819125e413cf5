using System.Globalization;
using System.Text;

namespace Provisioning.Benchmarks;

/// <summary>A run's figures as a Markdown section, and its place in the benchmarks document.</summary>
internal sealed class BenchmarkReport(
    BenchmarkOptions options,
    MachineInfo machine,
    IReadOnlyList<string> services,
    DateTimeOffset startedAt,
    IReadOnlyList<PhaseResult> phases,
    TimeSpan totalTime,
    long peakWorkingSet,
    long peakGcHeap,
    long allocatedBytes,
    IReadOnlyList<int> collections,
    IReadOnlyList<string> fleetEvents,
    string? baseline,
    string? cpu = null)
{
    const string Project = "ops/benchmarks/Provisioning.Benchmarks";

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"### {options.ScenarioTitle}");
        md.AppendLine();
        Line($"Measured {startedAt:yyyy-MM-dd HH:mm} UTC on {machine.Describe()}.");
        md.AppendLine();
        md.AppendLine("```bash");
        Line($"dotnet run -c Release --project {Project} -- {string.Join(' ', options.Arguments)}");
        md.AppendLine("```");
        md.AppendLine();
        Line($"Services: {string.Join("; ", services)}; the Cloudflare emulator over HTTP on loopback.");
        md.AppendLine();
        md.AppendLine("| Phase | Commands | Succeeded | Failed | Wall time | Tenants/min | p50 latency | p95 latency | p99 latency | max latency | Cloudflare calls | 429s |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            Line($"| {phase.Name} | {phase.Commands} | {phase.Succeeded} | {phase.Failures.Count} | {phase.WallTime.TotalSeconds:F1} s | {phase.TenantsPerMinute:F0} | {Seconds(phase.Percentile(50))} | {Seconds(phase.Percentile(95))} | {Seconds(phase.Percentile(99))} | {Seconds(phase.Percentile(100))} | {phase.CallsByOperation.Values.Sum()} | {phase.RateLimited} |");
        }

        var tenants = options.Tenants;
        Line($"| **all** | {phases.Sum(p => p.Commands)} | {phases.Sum(p => p.Succeeded)} | {phases.Sum(p => p.Failures.Count)} | {totalTime.TotalSeconds:F1} s | {tenants / totalTime.TotalMinutes:F1} | | | | | {phases.Sum(p => p.CallsByOperation.Values.Sum())} | {phases.Sum(p => p.RateLimited)} |");
        md.AppendLine();
        md.AppendLine("Cloudflare calls per tenant by operation (emulator counters, every attempt including retries and 429s):");
        md.AppendLine();
        md.AppendLine("| Operation | " + string.Join(" | ", phases.Select(p => p.Name)) + " | total |");
        md.AppendLine("|---|" + string.Concat(phases.Select(_ => "---:|")) + "---:|");
        foreach (var operation in phases.SelectMany(p => p.CallsByOperation.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var perPhase = phases.Select(p => p.CallsByOperation.GetValueOrDefault(operation) / (double)tenants).ToList();
            Line($"| `{operation}` | {string.Join(" | ", perPhase.Select(Calls))} | {Calls(perPhase.Sum())} |");
        }

        var callsPerPhase = phases.Select(p => p.CallsByOperation.Values.Sum() / (double)tenants).ToList();
        Line($"| **all** | {string.Join(" | ", callsPerPhase.Select(Calls))} | {Calls(callsPerPhase.Sum())} |");
        md.AppendLine();
        Line($"Process ({(options.ReplicaCpus is null ? "worker wiring, emulator and benchmark driver in one process" : "emulator, outcome observer and benchmark driver; the replicas are other processes")}, server GC as the worker): peak working set {Mebibytes(peakWorkingSet)}, peak GC heap {Mebibytes(peakGcHeap)}, {Mebibytes(allocatedBytes)} allocated in total, GC collections gen0/gen1/gen2 {collections[0]}/{collections[1]}/{collections[2]}.");
        if (options.Budget is { } budget)
        {
            var calls = phases.Sum(p => p.CallsByOperation.Values.Sum());
            var callsPerTenant = calls / (double)tenants;
            // The ceiling of the issue: the account budget divided by the calls a tenant's lifecycle needs.
            var ceiling = budget.Requests * (60.0 / budget.WindowSeconds) / callsPerTenant;
            var achieved = tenants / totalTime.TotalMinutes;
            md.AppendLine();
            Line($"Budget: {budget.Requests} requests per {budget.WindowSeconds} s on the emulator (fixed window, 5-minute lockout once exceeded) and, once, on the client (`Cloudflare:RequestBudget`/`RequestBudgetWindow`; default burst of 1%, so the bucket refills {budget.Requests - Math.Max(1, budget.Requests / 100)} per {budget.WindowSeconds} s; one PostgreSQL row shared by every replica). Measured: {calls} calls in {totalTime.TotalSeconds:F1} s = {calls / totalTime.TotalSeconds * budget.WindowSeconds:F1} per {budget.WindowSeconds} s. Ceiling = budget / calls per tenant = {budget.Requests * (60.0 / budget.WindowSeconds):F0} / {callsPerTenant:0.##} = {ceiling:F2} tenants/min; achieved {achieved:F2} tenants/min = **{achieved / ceiling:F3} of the ceiling**.");
        }

        if (cpu is not null)
        {
            md.AppendLine();
            md.Append(cpu);
        }

        if (baseline is not null)
        {
            md.AppendLine();
            md.Append(baseline);
        }

        if (fleetEvents.Count > 0)
        {
            md.AppendLine();
            Line($"Replicas taken away (scale-down: the bus stops consuming, in-flight handlers finish) and added while the phases ran: {string.Join("; ", fleetEvents)}.");
        }

        var failures = phases.SelectMany(p => p.Failures.Select(f => $"{p.Name}: {f}")).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            Line($"Failures ({failures.Count}, first 10):");
            md.AppendLine();
            foreach (var failure in failures.Take(10))
            {
                Line($"- {failure}");
            }
        }

        return md.ToString();
    }

    /// <summary>Replaces the section of <paramref name="key"/> in <paramref name="path"/>, or appends it; creates the file when missing.</summary>
    public static void WriteSection(string path, string key, string markdown)
    {
        var begin = $"<!-- benchmark:{key} -->";
        var end = $"<!-- /benchmark:{key} -->";
        var section = $"{begin}\n{markdown.TrimEnd()}\n{end}";
        var document = File.Exists(path)
            ? File.ReadAllText(path)
            : "# Benchmarks\n\nFigures written by `dotnet run -c Release --project " + Project + "`; see its options there.\n";
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : document.IndexOf(end, start, StringComparison.Ordinal);
        document = start >= 0 && stop >= 0
            ? string.Concat(document.AsSpan(0, start), section, document.AsSpan(stop + end.Length))
            : document.TrimEnd() + "\n\n" + section + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, document);
    }

    static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    static string Calls(double perTenant) => perTenant.ToString("0.##", CultureInfo.InvariantCulture);

    static string Mebibytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("F0", CultureInfo.InvariantCulture) + " MiB";
}
