using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Cloudflare;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.Budget;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Persistence.Budget;

/// <summary>
/// Three clients (three "replicas", each its own service provider) configured once with the account's budget, against
/// the emulator's Cloudflare-style limiter (fixed window per token, lockout once exceeded). Asserted on the emulator's counters.
/// </summary>
public sealed class SharedRequestBudgetAgainstEmulator_Specs(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    const int Budget = 20;
    const int WindowSeconds = 5;
    const int Replicas = 3;
    const int CallsPerReplica = 15;

    static readonly RateLimitOptions AccountLimitWithLockout = new()
    {
        Enabled = true,
        Requests = Budget,
        WindowSeconds = WindowSeconds,
        LockoutEnabled = true,
        // Longer than the client's MaxRetryAfter (60 s): a locked-out call fails instead of waiting.
        LockoutSeconds = 120,
    };

    readonly List<ServiceProvider> _replicas = [];
    EmulatorServer _emulator = null!;
    HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await BudgetDatabase.MigrateAsync(database);

        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimit = AccountLimitWithLockout });
        _admin = new HttpClient { BaseAddress = _emulator.AdminBaseAddress };
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        _admin.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Should_keep_three_replicas_sharing_the_row_free_of_429s()
    {
        var clients = Enumerable.Range(0, Replicas).Select(_ => Replica(shared: true)).ToList();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, CallsPerReplica).Select(_ => ListAsync(client, guard.Token))));

        var counters = await KvListCountersAsync();
        Assert.Equal(Replicas * CallsPerReplica, counters.Total);
        Assert.Equal(Replicas * CallsPerReplica, counters.ByStatus["200"]);
        Assert.False(counters.ByStatus.ContainsKey("429"), "a replica earned a 429");
    }

    [Fact]
    public async Task Should_earn_429s_when_each_replica_keeps_the_whole_budget_to_itself()
    {
        var clients = Enumerable.Range(0, Replicas).Select(_ => Replica(shared: false)).ToList();
        // A call still waiting for its budget when a 429 pauses it would wait out the lockout: cancel it.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, CallsPerReplica).Select(async _ =>
        {
            try
            {
                await ListAsync(client, guard.Token);
            }
            catch (Exception ex) when (ex is CloudflareApiException or OperationCanceledException)
            {
            }
        })));

        var counters = await KvListCountersAsync();
        Assert.True(counters.ByStatus.GetValueOrDefault("429") > 0, "expected the emulator to refuse the replicas' combined pace");
    }

    ICloudflareClient Replica(bool shared)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCloudflareClient(o =>
        {
            o.AccountId = EmulatorDefaults.AccountId;
            o.ApiToken = EmulatorDefaults.ApiToken;
            o.BaseAddress = _emulator.ApiBaseAddress;
            // The account's budget, configured once: the same figure on every replica.
            o.RequestBudget = Budget;
            o.RequestBudgetWindow = TimeSpan.FromSeconds(WindowSeconds);
        });
        if (shared)
        {
            services.AddSharedRequestBudget(BudgetDatabase.Options(database));
        }

        var provider = services.BuildServiceProvider();
        _replicas.Add(provider);
        return provider.GetRequiredService<ICloudflareClient>();
    }

    static async Task ListAsync(ICloudflareClient client, CancellationToken cancellationToken)
    {
        await foreach (var _ in client.KvNamespaces.ListAsync(cancellationToken))
        {
        }
    }

    async Task<OperationCount> KvListCountersAsync()
    {
        var counters = await _admin.GetFromJsonAsync<Dictionary<string, OperationCount>>("counters", JsonSerializerOptions.Web);
        return counters!["kv.list"];
    }
}
