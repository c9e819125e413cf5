using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Benchmarks;

/// <summary>One command per tenant of a phase: its id and when it was published.</summary>
internal sealed record SentCommand(Guid CommandId, string TenantId, DateTimeOffset SentAt);

/// <summary>What one phase measured.</summary>
internal sealed record PhaseResult(
    string Name,
    int Commands,
    int Succeeded,
    IReadOnlyList<string> Failures,
    TimeSpan WallTime,
    IReadOnlyList<TimeSpan> Latencies,
    IReadOnlyDictionary<string, long> CallsByOperation,
    long RateLimited,
    CpuUse? Cpu = null)
{
    public double TenantsPerMinute => Succeeded / WallTime.TotalMinutes;

    public TimeSpan Percentile(double p)
    {
        if (Latencies.Count == 0)
        {
            return TimeSpan.Zero;
        }

        // Nearest-rank percentile over the sorted latencies.
        var sorted = Latencies.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

/// <summary>Publishes a phase's commands all at once and waits for every outcome event, printing progress as they arrive.</summary>
/// <param name="cpu">When set, what the phase used of the CPU is measured too.</param>
internal sealed class PhaseRunner(IOutcomeObserver worker, EmulatorCounters counters, TimeSpan timeout, CpuMeter? cpu = null)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);
    static readonly string[] DetailProperties = ["reason", "failedStep", "errorCode", "errorMessage"];

    public async Task<PhaseResult> RunAsync<T>(string name, IReadOnlyList<string> tenants, Func<Guid, string, T> command)
        where T : class
    {
        var before = await counters.ReadAsync();
        var cpuBefore = cpu?.Take();
        var stopwatch = Stopwatch.StartNew();
        var sent = await Task.WhenAll(tenants.Select(async tenantId =>
        {
            var commandId = NewId.NextGuid();
            var sentAt = DateTimeOffset.UtcNow;
            await worker.Bus.Publish(command(commandId, tenantId));
            return new SentCommand(commandId, tenantId, sentAt);
        }));

        var pending = sent.ToDictionary(s => s.CommandId);
        var latencies = new List<TimeSpan>();
        var failures = new List<string>();
        var succeeded = 0;
        var lastProgress = -ProgressInterval;
        while (pending.Count > 0 && stopwatch.Elapsed < timeout)
        {
            foreach (var (commandId, sentCommand) in pending.ToList())
            {
                if (worker.Outcomes.Find(commandId) is not { } outcome)
                {
                    continue;
                }

                pending.Remove(commandId);
                latencies.Add(outcome.ReceivedAt - sentCommand.SentAt);
                if (outcome.Succeeded)
                {
                    succeeded++;
                }
                else
                {
                    failures.Add($"{sentCommand.TenantId}: {Describe(outcome)}");
                }
            }

            var done = sent.Length - pending.Count;
            if (stopwatch.Elapsed - lastProgress >= ProgressInterval || pending.Count == 0)
            {
                lastProgress = stopwatch.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-10} {done,5}/{sent.Length}  {stopwatch.Elapsed.TotalSeconds,7:F1} s{(failures.Count > 0 ? $"  ({failures.Count} failed)" : "")}"));
            }

            if (pending.Count > 0)
            {
                await Task.Delay(PollInterval);
            }
        }

        var wallTime = stopwatch.Elapsed;
        var cpuUse = cpuBefore is null ? null : cpu!.Since(cpuBefore);
        failures.AddRange(pending.Values.Select(p => $"{p.TenantId}: no outcome event within {timeout.TotalSeconds:F0} s"));
        var after = await counters.ReadAsync();
        return new PhaseResult(name, sent.Length, succeeded, failures, wallTime, latencies,
            EmulatorCounters.Difference(before, after), EmulatorCounters.RateLimited(after) - EmulatorCounters.RateLimited(before), cpuUse);
    }

    /// <summary>Runs <paramref name="count"/> tenants named <paramref name="prefix"/>N through every phase, unmeasured; returns the first failure, if any.</summary>
    public async Task<string?> WarmUpAsync(string prefix, int count)
    {
        Console.WriteLine($"Warm-up ({count} tenant(s), not measured):");
        var warmUp = Enumerable.Range(1, count).Select(i => $"{prefix}{i}").ToList();
        var results = new[]
        {
            await RunAsync("provision", warmUp, Commands.Provision),
            await RunAsync("attach", warmUp, Commands.Attach),
            await RunAsync("deploy", warmUp, Commands.Deploy),
        };
        return results.SelectMany(r => r.Failures).FirstOrDefault();
    }

    static string Describe(CommandOutcome outcome)
    {
        var detail = outcome.Outcome.ValueKind == JsonValueKind.Object
            ? string.Join(", ", DetailProperties
                .Select(p => outcome.Outcome.TryGetProperty(p, out var value) && value.ValueKind is not JsonValueKind.Null ? $"{p}={value}" : null)
                .OfType<string>())
            : "";
        return $"{outcome.OutcomeType} {detail}".Trim();
    }
}
