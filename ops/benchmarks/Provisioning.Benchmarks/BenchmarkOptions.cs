using System.Globalization;

namespace Provisioning.Benchmarks;

internal enum Transport
{
    InMemory,
    RabbitMq,
}

internal enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>A Cloudflare request budget: <see cref="Requests"/> per <see cref="WindowSeconds"/>, set on the emulator and the client alike.</summary>
internal sealed record Budget(int Requests, int WindowSeconds)
{
    public override string ToString() => $"{Requests}/{WindowSeconds}";
}

/// <summary>The command line: see <see cref="Usage"/>.</summary>
internal sealed record BenchmarkOptions
{
    public int Tenants { get; init; } = 50;

    public Transport Transport { get; init; } = Transport.InMemory;

    public DatabaseKind Database { get; init; } = DatabaseKind.Sqlite;

    /// <summary>null = no rate limit on the emulator and no effective client budget: the run measures the worker itself.</summary>
    public Budget? Budget { get; init; }

    public string? OutputPath { get; init; }

    /// <summary>Worker hosts started in this process, sharing the broker and the database like replicas (RabbitMQ + PostgreSQL only).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Take a replica away and start a new one, in turn, every <see cref="ChurnInterval"/> while the phases run.</summary>
    public bool Churn { get; init; }

    public TimeSpan ChurnInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one phase may wait for its outcomes before the missing ones count as failures.</summary>
    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Added by the emulator to every call (a fault with <c>latencyMs</c> on every operation); 0 = none.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Largest accepted <see cref="LatencyMs"/>: a minute per call would only measure the timeouts.</summary>
    public const int MaxLatencyMs = 10_000;

    /// <summary>Before the worker's phases, provision the same tenants' shape with the official SDK (ops/benchmarks/sdk-baseline).</summary>
    public bool SdkBaseline { get; init; }

    /// <summary>
    /// With a value, every replica is a worker process (the Release build) in a CPU cgroup of its own with this many
    /// cores, as a container's CPU limit; null = worker hosts in this process (RabbitMQ + PostgreSQL only).
    /// </summary>
    public double? ReplicaCpus { get; init; }

    /// <summary>Largest accepted <see cref="ReplicaCpus"/>: a limit above the machine's cores limits nothing.</summary>
    public static double MaxReplicaCpus => Environment.ProcessorCount;

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public const string Usage =
        "usage: Provisioning.Benchmarks [--tenants N] [--transport inmemory|rabbitmq] [--database sqlite|postgres] " +
        "[--budget REQUESTS/WINDOW_SECONDS] [--replicas N] [--churn on] [--phase-timeout SECONDS] [--latency MS] [--sdk-baseline on] [--replica-cpus CORES] [--out docs/benchmarks.md]";

    /// <summary>Parses <paramref name="args"/>; a usage error is returned as <paramref name="error"/>.</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchmarkOptions { Arguments = args };
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--tenants" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    options = options with { Tenants = n };
                    break;
                case "--transport" when value is "inmemory" or "rabbitmq":
                    options = options with { Transport = value == "inmemory" ? Transport.InMemory : Transport.RabbitMq };
                    break;
                case "--database" when value is "sqlite" or "postgres":
                    options = options with { Database = value == "sqlite" ? DatabaseKind.Sqlite : DatabaseKind.Postgres };
                    break;
                case "--budget" when ParseBudget(value) is { } budget:
                    options = options with { Budget = budget };
                    break;
                case "--replicas" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas > 0:
                    options = options with { Replicas = replicas };
                    break;
                case "--churn" when value is "on" or "off":
                    options = options with { Churn = value == "on" };
                    break;
                case "--phase-timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    options = options with { PhaseTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--latency" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var latency) && latency <= MaxLatencyMs:
                    options = options with { LatencyMs = latency };
                    break;
                case "--latency":
                    error = $"--latency needs whole milliseconds from 0 to {MaxLatencyMs}, got '{value}'";
                    return null;
                case "--sdk-baseline" when value is "on" or "off":
                    options = options with { SdkBaseline = value == "on" };
                    break;
                case "--replica-cpus" when double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus)
                                           && cpus >= 0.01 && cpus <= MaxReplicaCpus:
                    options = options with { ReplicaCpus = cpus };
                    break;
                case "--replica-cpus":
                    error = string.Create(CultureInfo.InvariantCulture, $"--replica-cpus needs cores from 0.01 to {MaxReplicaCpus} (this machine's), e.g. 0.5, got '{value}'");
                    return null;
                case "--out":
                    options = options with { OutputPath = value };
                    break;
                default:
                    error = $"unknown option or bad value: {name} {value}";
                    return null;
            }
        }

        if ((options.Replicas > 1 || options.Churn) && (options.Transport != Transport.RabbitMq || options.Database != DatabaseKind.Postgres))
        {
            // Replicas share what production replicas share: the broker's queues and the PostgreSQL database (and its budget row).
            error = "--replicas above 1 and --churn need --transport rabbitmq --database postgres";
            return null;
        }

        if (options.ReplicaCpus is not null && (options.Transport != Transport.RabbitMq || options.Database != DatabaseKind.Postgres))
        {
            // A worker process shares nothing in memory with the driver: commands and outcomes cross the broker, state the database.
            error = "--replica-cpus needs --transport rabbitmq --database postgres";
            return null;
        }

        return options;
    }

    static Budget? ParseBudget(string value)
    {
        var parts = value.Split('/');
        // The client's budget needs at least 2 requests (CloudflareOptions.RequestBudget is validated so).
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests >= 2
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var window) && window > 0
            ? new Budget(requests, window)
            : null;
    }

    /// <summary>A stable key for this scenario's section in the output document.</summary>
    public string ScenarioKey =>
        $"{Transport.ToString().ToLowerInvariant()}-{Database.ToString().ToLowerInvariant()}-n{Tenants}" +
        (Budget is null ? "" : $"-budget{Budget.Requests}per{Budget.WindowSeconds}s") +
        (Replicas > 1 ? $"-r{Replicas}" : "") + (Churn ? "-churn" : "") +
        (LatencyMs > 0 ? $"-latency{LatencyMs}ms" : "") + (SdkBaseline ? "-sdk" : "") +
        (ReplicaCpus is { } cpus ? string.Create(CultureInfo.InvariantCulture, $"-processes-cpu{cpus}") : "");

    public string ScenarioTitle =>
        $"{(Transport == Transport.InMemory ? "In-memory transport" : "RabbitMQ")} + {(Database == DatabaseKind.Sqlite ? "SQLite" : "PostgreSQL")}, " +
        $"{Tenants} tenants, " +
        (Budget is null ? "no rate limit" : $"budget {Budget.Requests} requests per {Budget.WindowSeconds} s") +
        (Replicas > 1 ? $", {Replicas} replicas" : "") + (Churn ? ", replicas taken away and added during the run" : "") +
        (LatencyMs > 0 ? $", {LatencyMs} ms latency on every Cloudflare call" : "") + (SdkBaseline ? ", official SDK baseline" : "") +
        (ReplicaCpus is { } cpus ? string.Create(CultureInfo.InvariantCulture, $", every replica a worker process limited to {cpus} CPU") : "");
}
