using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Provisioning.Benchmarks;
using Provisioning.CloudflareEmulator;
using Provisioning.Components;
using Provisioning.Contracts;

var options = BenchmarkOptions.Parse(args, out var usageError);
if (options is null)
{
    Console.Error.WriteLine(usageError);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

var machine = MachineInfo.Read();
var startedAt = DateTimeOffset.UtcNow;
Console.WriteLine($"Scenario: {options.ScenarioTitle}");
Console.WriteLine($"Machine:  {machine.Describe()}");

await using var memory = new MemorySampler();
var cleanup = new Stack<IAsyncDisposable>();
// One clean-up at a time: on Ctrl-C the run's own thread may fail (its bus stopped) and reach its finally meanwhile.
using var cleaning = new SemaphoreSlim(1);
async Task CleanUpAsync()
{
    await cleaning.WaitAsync();
    try
    {
        while (cleanup.TryPop(out var resource))
        {
            await resource.DisposeAsync();
        }
    }
    finally
    {
        cleaning.Release();
    }
}

// Ctrl-C removes what the run created (vhost, database, replica processes and their cgroups) before the process goes.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("Interrupted: cleaning up");
    CleanUpAsync().GetAwaiter().GetResult();
    Environment.Exit(130);
};
try
{
    var budget = options.Budget;
    var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
    {
        RateLimit = budget is null
            ? new RateLimitOptions { Enabled = false }
            : new RateLimitOptions { Enabled = true, Requests = budget.Requests, WindowSeconds = budget.WindowSeconds, LockoutEnabled = true },
    });
    cleanup.Push(emulator);
    if (options.LatencyMs > 0)
    {
        await EmulatorLatency.AddAsync(emulator.AdminBaseAddress, options.LatencyMs);
    }

    var settings = new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Cloudflare:BaseAddress"] = emulator.ApiBaseAddress.ToString(),
        ["Cloudflare:AccountId"] = EmulatorDefaults.AccountId,
        ["Cloudflare:ApiToken"] = EmulatorDefaults.ApiToken,
        // Without --budget the run measures the worker, not Cloudflare's 1,200 per 5 minutes: the client budget is set out of reach.
        ["Cloudflare:RequestBudget"] = (budget?.Requests ?? 1_000_000).ToString(CultureInfo.InvariantCulture),
        ["Cloudflare:RequestBudgetWindow"] = TimeSpan.FromSeconds(budget?.WindowSeconds ?? 300).ToString("c", CultureInfo.InvariantCulture),
        ["RabbitMq:Uri"] = null,
    };

    var services = new List<string>();
    if (options.Transport == Transport.InMemory)
    {
        services.Add("MassTransit in-memory transport");
    }

    if (options.Transport == Transport.RabbitMq)
    {
        var vhost = await VirtualHost.CreateAsync();
        cleanup.Push(vhost);
        settings["RabbitMq:Uri"] = vhost.AmqpUri.ToString();
        services.Add($"RabbitMQ {vhost.ServerVersion} from `{ServiceAddresses.RabbitMqVariable}` (vhost created for the run)");
        Console.WriteLine($"RabbitMQ {vhost.ServerVersion}: vhost {vhost.Name}");
    }

    if (options.Database == DatabaseKind.Postgres)
    {
        var database = await PostgresDatabase.CreateAsync();
        cleanup.Push(database);
        settings["Database:Provider"] = "Postgres";
        settings["Database:ConnectionString"] = database.ConnectionString;
        services.Add($"PostgreSQL {database.ServerVersion} from `{ServiceAddresses.PostgresVariable}` (database created for the run)");
        Console.WriteLine($"PostgreSQL {database.ServerVersion}: database {database.Name}");
    }
    else
    {
        var database = new SqliteDatabase();
        cleanup.Push(database);
        settings["Database:Provider"] = "Sqlite";
        settings["Database:ConnectionString"] = database.ConnectionString;
        services.Add("SQLite file in a temporary directory");
    }

    var run = $"{Guid.NewGuid():N}"[..6];
    SdkRun[] sdkRuns = [];
    if (options.SdkBaseline)
    {
        // Before the worker's hosts start, so the script shares the machine with nothing of the worker's.
        var sdk = new SdkBaseline(SdkBaseline.Locate(), emulator.ApiBaseAddress, EmulatorDefaults.AccountId, EmulatorDefaults.ApiToken,
            new ProvisioningOptions().DefaultDispatchNamespace);
        Console.WriteLine("SDK baseline (official cloudflare npm SDK):");
        await sdk.InstallAsync();
        sdkRuns = [await sdk.ProvisionAsync($"sdk-{run}-seq", options.Tenants, 1), await sdk.ProvisionAsync($"sdk-{run}-par", options.Tenants, 8)];
        foreach (var sdkRun in sdkRuns)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {sdkRun.Tenants} tenants, {sdkRun.Concurrency} at a time: {sdkRun.Seconds:F1} s, {sdkRun.TenantsPerSecond:F2} tenants/s"));
        }
    }

    // The replicas target compares with one replica in the same run: its provision phase goes first, then the others start.
    var oneReplicaFirst = options.SdkBaseline && options.Replicas > 1;
    var fleet = options.ReplicaCpus is { } cpus
        ? await Fleet.ForProcessesAsync(settings, cpus, Directory.CreateTempSubdirectory("wfp-bench-replicas-").FullName, run)
        : Fleet.InProcess(settings);
    cleanup.Push(fleet);
    await fleet.GrowAsync(oneReplicaFirst ? 1 : options.Replicas);
    if (options.ReplicaCpus is not null)
    {
        services.Add(ReplicaCpuReport.Describe(options, fleet.Processes[0].Cgroup));
    }
    else if (options.Replicas > 1)
    {
        services.Add($"{options.Replicas} worker hosts in this process as replicas (one request budget row in PostgreSQL)");
    }

    using var counters = new EmulatorCounters(emulator.AdminBaseAddress);
    var cpuMeter = options.ReplicaCpus is not null && CpuMeter.Available ? new CpuMeter(() => fleet.Processes) : null;
    var runner = new PhaseRunner(fleet.Observer, counters, options.PhaseTimeout, cpuMeter);

    var tenants = Enumerable.Range(1, options.Tenants).Select(i => $"bench-{run}-{i:D5}").ToList();

    // Tenants through every phase first: JIT, connection pools, the dispatch namespace and the database's first
    // rows are paid for here, not by the first measured commands. Their calls are not counted below.
    // With replicas, the broker hands each replica a share of the deliveries: a few tenants per replica, so that every
    // replica has built its database model and pools before the measured phases rather than inside them.
    if (await runner.WarmUpAsync($"bench-{run}-warmup", oneReplicaFirst || options.Replicas == 1 ? 1 : 4 * options.Replicas) is { } warmUpFailure)
    {
        Console.Error.WriteLine($"Warm-up failed, nothing measured: {warmUpFailure}");
        return 1;
    }

    // Replica processes: a measured phase starts once the warm-up's background compilation has died down (see CpuMeter.SettleAsync).
    var settled = new List<TimeSpan?>();
    async Task SettleAsync()
    {
        if (cpuMeter is not null)
        {
            settled.Add(await cpuMeter.SettleAsync(ReplicaCpuReport.SettledCores, ReplicaCpuReport.SettleLimit));
        }
    }

    await SettleAsync();
    PhaseResult? oneReplica = null;
    if (oneReplicaFirst)
    {
        Console.WriteLine($"Provision with one replica ({options.Tenants} other tenants), the reference of the replicas target:");
        oneReplica = await runner.RunAsync("provision", tenants.Select(t => $"{t}-one").ToList(), Commands.Provision);
        await fleet.GrowAsync(options.Replicas);
        var failure = oneReplica.Failures.Count > 0 ? oneReplica.Failures[0] : await runner.WarmUpAsync($"bench-{run}-warmup-fleet", 4 * options.Replicas);
        if (failure is not null)
        {
            Console.Error.WriteLine($"One-replica phase or the replicas' warm-up failed, nothing measured: {failure}");
            return 1;
        }
    }

    await SettleAsync();

    // What the replicas spend with nothing to do: the fixed cost each replica adds.
    var idle = cpuMeter is null ? null : await cpuMeter.IdleAsync(TimeSpan.FromSeconds(5));
    Console.WriteLine($"Measured ({options.Tenants} tenants, each phase's commands published at once):");
    using var churnStop = new CancellationTokenSource();
    var churn = options.Churn ? fleet.ChurnAsync(options.ChurnInterval, churnStop.Token) : Task.CompletedTask;
    var total = Stopwatch.StartNew();
    var phases = new List<PhaseResult>
    {
        await runner.RunAsync("provision", tenants, Commands.Provision),
        await runner.RunAsync("attach", tenants, Commands.Attach),
        await runner.RunAsync("deploy", tenants, Commands.Deploy),
    };
    total.Stop();
    await churnStop.CancelAsync();
    await churn;

    var baseline = sdkRuns.Length == 0
        ? null
        : new ThroughputTargets(options, phases[0].Succeeded / phases[0].WallTime.TotalSeconds, sdkRuns[0], sdkRuns[1])
            .ToMarkdown(oneReplica);
    var report = new BenchmarkReport(options, machine, services, startedAt, phases, total.Elapsed,
        memory.PeakWorkingSet, memory.PeakGcHeap, GC.GetTotalAllocatedBytes(), [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)], fleet.Events, baseline,
        options.ReplicaCpus is null ? null : ReplicaCpuReport.ToMarkdown(options, settled, idle, oneReplica, phases));
    var markdown = report.ToMarkdown();
    Console.WriteLine();
    Console.WriteLine(markdown);
    if (options.OutputPath is { } output)
    {
        BenchmarkReport.WriteSection(output, options.ScenarioKey, markdown);
        Console.WriteLine($"Written to {output} (section {options.ScenarioKey}).");
    }

    return phases.Sum(p => p.Failures.Count) == 0 && phases.Sum(p => p.RateLimited) == 0 ? 0 : 1;
}
finally
{
    await CleanUpAsync();
}

/// <summary>The commands of each phase; every tenant gets KV + D1 + R2 + a variable + a secret, then a KV binding, then new code.</summary>
internal static class Commands
{
    public static ProvisionTenant Provision(Guid commandId, string tenantId) => new()
    {
        CommandId = commandId,
        TenantId = tenantId,
        Resources =
        [
            new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
            new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1 },
            new ResourceSpec { BindingName = "FILES", Type = BindingTypes.R2Bucket },
        ],
        Bindings =
        [
            new BindingSpec { Name = "MODE", Type = BindingTypes.PlainText, Text = "benchmark" },
            new BindingSpec { Name = "API_KEY", Type = BindingTypes.SecretText, Text = Convert.ToHexString(Guid.NewGuid().ToByteArray()) },
        ],
        Script = Script($"hello {tenantId}"),
    };

    public static AttachBinding Attach(Guid commandId, string tenantId) => new()
    {
        CommandId = commandId,
        TenantId = tenantId,
        Resource = new ResourceSpec { BindingName = "SESSIONS", Type = BindingTypes.KvNamespace },
    };

    public static DeployScript Deploy(Guid commandId, string tenantId) => new()
    {
        CommandId = commandId,
        TenantId = tenantId,
        Script = Script($"hello again {tenantId}"),
    };

    static ScriptSpec Script(string body) => new()
    {
        MainModule = "index.js",
        CompatibilityDate = "2025-01-01",
        Modules =
        [
            new ScriptModule
            {
                Name = "index.js",
                Content = $"export default {{ fetch(request, env) {{ return new Response({JsonSerializer.Serialize(body)}); }} }};",
            },
        ],
    };
}
