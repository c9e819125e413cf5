using System.Text.Json;
using MassTransit;
using Serilog.Core;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.Contracts;
using Provisioning.Worker.FrontDoor;

namespace Provisioning.Integration.Tests.Infrastructure;

/// <summary>
/// One test class's system: a fresh RabbitMQ vhost and PostgreSQL database, the Cloudflare emulator over HTTP, and
/// worker hosts wired like Program.cs. Tests talk to it in domain verbs.
/// </summary>
public class ProvisioningApp(TestServices services) : IAsyncLifetime
{
    /// <summary>How long a wait may take before the test fails with what it saw; a liveness bound, not a timing assertion.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    readonly List<WorkerHost> _workers = [];

    public TestServices Services => services;

    public RabbitMqVirtualHost VirtualHost { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public EmulatorDriver Emulator { get; private set; } = null!;

    /// <summary>The first worker.</summary>
    public WorkerHost Worker => _workers[0];

    public IReadOnlyList<WorkerHost> Workers => _workers;

    protected virtual int WorkerCount => 1;

    /// <summary>Settings every worker of this class gets on top of the broker, database and emulator ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        VirtualHost = await CreateVirtualHostAsync();
        Database = await TestDatabase.CreateAsync(services);
        Emulator = await EmulatorDriver.StartAsync();
        for (var i = 0; i < WorkerCount; i++)
        {
            // One at a time: the first applies the migrations.
            _workers.Add(await StartWorkerAsync());
        }
    }

    /// <summary>The broker the workers use: a fresh vhost on the shared RabbitMQ.</summary>
    protected virtual Task<RabbitMqVirtualHost> CreateVirtualHostAsync() => RabbitMqVirtualHost.CreateAsync(services);

    public Task<WorkerHost> StartWorkerAsync() => WorkerHost.StartAsync(new Dictionary<string, string?>(WorkerSettings)
    {
        ["Serilog:MinimumLevel:Default"] = "Information",
        ["RabbitMq:Uri"] = VirtualHost.AmqpUri.ToString(),
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = Database.ConnectionString,
        ["Cloudflare:BaseAddress"] = Emulator.ApiBaseAddress.ToString(),
        ["Cloudflare:AccountId"] = EmulatorDefaults.AccountId,
        ["Cloudflare:ApiToken"] = EmulatorDefaults.ApiToken,
    }, services => services.AddSingleton<ILogEventSink>(Logs));

    /// <summary>Every log event of this class's workers.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Stops worker <paramref name="index"/> (as a deploy or a crash-restart would) and starts a new one in its place.</summary>
    public async Task RestartWorkerAsync(int index = 0)
    {
        var old = _workers[index];
        _workers.RemoveAt(index);
        await old.DisposeAsync();
        _workers.Insert(index, await StartWorkerAsync());
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        // Null-safe: a class whose services were missing fails in InitializeAsync and still gets here.
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (VirtualHost is not null)
        {
            await VirtualHost.DisposeAsync();
        }
    }

    public static string NewTenantId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, TenantIds.MaxLength)];

    public static ScriptSpec Script(string body) => new()
    {
        MainModule = "index.js",
        CompatibilityDate = "2025-01-01",
        Modules = [new ScriptModule { Name = "index.js", Content = $"export default {{ fetch() {{ return new Response({JsonSerializer.Serialize(body)}); }} }};" }],
    };

    public async Task<Guid> ProvisionTenantAsync(string tenantId, IEnumerable<ResourceSpec>? resources = null, IEnumerable<BindingSpec>? bindings = null,
        WorkerHost? via = null)
    {
        var command = new ProvisionTenant
        {
            CommandId = NewId.NextGuid(),
            TenantId = tenantId,
            Resources = (resources ?? []).ToList(),
            Bindings = (bindings ?? []).ToList(),
            Script = Script($"hello {tenantId}"),
        };
        await (via ?? Worker).Bus.Publish(command);
        return command.CommandId;
    }

    public async Task<Guid> SendAsync<T>(T command, Guid commandId)
        where T : class
    {
        await Worker.Bus.Publish(command);
        return commandId;
    }

    /// <summary>The outcome event of <paramref name="commandId"/>, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> WaitForOutcomeAsync<T>(Guid commandId)
        where T : class
    {
        var outcome = await WaitForOutcomeAsync(commandId);
        Assert.True(outcome.OutcomeType == typeof(T).Name, $"Expected {typeof(T).Name} for command {commandId}, got {outcome.OutcomeType}: {outcome.Outcome}");
        return outcome.Outcome.Deserialize<T>(JsonSerializerOptions.Web)!;
    }

    public async Task<CommandOutcome> WaitForOutcomeAsync(Guid commandId)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            foreach (var worker in _workers)
            {
                if (worker.Outcomes.Find(commandId) is { } outcome)
                {
                    return outcome;
                }
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"No outcome event for command {commandId} within {WaitLimit}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; cancelled (failing the test) after <see cref="WaitLimit"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var limit = new CancellationTokenSource(WaitLimit);
        while (!await condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }

    public async Task<TenantStatus> WaitForStateAsync(string tenantId, string state)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        TenantStatus? last = null;
        while (!limit.IsCancellationRequested)
        {
            last = await GetStatusAsync(tenantId);
            if (last?.State == state)
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Tenant {tenantId} did not reach {state} within {WaitLimit}; last state {last?.State ?? "(not found)"}.");
    }

    public async Task<TenantStatus?> GetStatusAsync(string tenantId)
    {
        var client = Worker.Services.GetRequiredService<IRequestClient<GetTenantStatus>>();
        var response = await client.GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = tenantId });
        return response.Is(out Response<TenantStatus>? status) ? status.Message : null;
    }

    /// <summary>Everything in the emulator whose name carries the tenant id: scripts, KV, D1, R2.</summary>
    public async Task<TenantFootprint> GetFootprintAsync(string tenantId)
    {
        var account = await Emulator.GetAccountAsync();
        return new TenantFootprint(
            account.Scripts.Where(s => s.Name.Contains(tenantId, StringComparison.Ordinal)).ToList(),
            account.KvNamespaces.Where(k => k.Title.Contains(tenantId, StringComparison.Ordinal)).ToList(),
            account.D1Databases.Where(d => d.Name.Contains(tenantId, StringComparison.Ordinal)).ToList(),
            account.R2Buckets.Where(r => r.Name.Contains(tenantId, StringComparison.Ordinal)).ToList());
    }
}

public sealed record TenantFootprint(
    IReadOnlyList<ScriptState> Scripts,
    IReadOnlyList<KvNamespaceState> KvNamespaces,
    IReadOnlyList<D1DatabaseState> D1Databases,
    IReadOnlyList<R2BucketState> R2Buckets)
{
    public bool IsEmpty => Scripts.Count == 0 && KvNamespaces.Count == 0 && D1Databases.Count == 0 && R2Buckets.Count == 0;

    public override string ToString() =>
        $"scripts [{string.Join(", ", Scripts.Select(s => s.Name))}], kv [{string.Join(", ", KvNamespaces.Select(k => k.Title))}], " +
        $"d1 [{string.Join(", ", D1Databases.Select(d => d.Name))}], r2 [{string.Join(", ", R2Buckets.Select(r => r.Name))}]";
}
