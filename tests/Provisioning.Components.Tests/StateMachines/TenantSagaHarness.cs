using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Cloudflare;
using Provisioning.CloudflareEmulator;
using Provisioning.CloudflareEmulator.Inspection;
using Provisioning.Components.Maintenance;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>
/// One test's world: the whole provisioning wiring (AddProvisioningServices + AddProvisioningConsumers) on the test
/// harness, our EF repository on a SQLite file, and the real Cloudflare client talking HTTP to an in-process emulator.
/// The client's own HTTP retries are off, so an injected 500 reaches the step, which waits it out (back-off 50-500 ms)
/// within Cloudflare:OutagePatience. The harness starts every hosted service (sweepers, outbox relay); a world can
/// leave the relay out (a replica about to crash).
/// </summary>
public sealed class TenantSagaHarness : IAsyncDisposable
{
    string _databasePath = Path.Combine(Path.GetTempPath(), $"wfp-saga-{Guid.NewGuid():N}.db");
    bool _ownsDatabase = true;
    ServiceProvider _provider = null!;
    EmulatorServer _emulator = null!;

    public ITestHarness Harness { get; private set; } = null!;

    public EmulatorAdmin Emulator { get; private set; } = null!;

    /// <summary>The SQLite database file (with its -wal, -shm and .keys siblings); unused on PostgreSQL.</summary>
    public string DatabasePath => _databasePath;

    public IDbContextFactory<ProvisioningDbContext> Contexts { get; private set; } = null!;

    public IServiceProvider Services => _provider;

    PostgresTestDatabase? _postgres;

    /// <param name="testTimeout">Longest wait for a published message; default 30 s (<see cref="TestHarnessTimeouts"/>).</param>
    public static async Task<TenantSagaHarness> StartAsync(Dictionary<string, string?>? settings = null, DatabaseProvider provider = DatabaseProvider.Sqlite,
        TimeSpan? testTimeout = null)
    {
        var harness = new TenantSagaHarness();
        await harness.InitializeAsync(settings ?? [], provider, testTimeout, relay: true);
        return harness;
    }

    /// <summary>A world on the SQLite file at <paramref name="databasePath"/>, which it leaves in place when disposed.</summary>
    public static async Task<TenantSagaHarness> StartOnAsync(string databasePath, bool startRelay, Dictionary<string, string?>? settings = null)
    {
        var harness = new TenantSagaHarness { _databasePath = databasePath, _ownsDatabase = false };
        await harness.InitializeAsync(settings ?? [], DatabaseProvider.Sqlite, testTimeout: null, startRelay);
        return harness;
    }

    async Task InitializeAsync(Dictionary<string, string?> settings, DatabaseProvider provider, TimeSpan? testTimeout, bool relay)
    {
        var database = new DatabaseOptions { ConnectionString = $"Data Source={_databasePath}", MigrateOnStart = false };
        if (provider == DatabaseProvider.Postgres)
        {
            _postgres = new PostgresTestDatabase();
            await _postgres.InitializeAsync();
            database = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = _postgres.ConnectionString, MigrateOnStart = false };
        }

        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions());
        Emulator = new EmulatorAdmin(_emulator.AdminBaseAddress);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Provisioning:StepRetryInterval"] = "00:00:00.050",
                ["Provisioning:ParkedCommandSweepInterval"] = "00:00:00.200",
                // The key ring follows the database as in the worker: next to the SQLite file, in PostgreSQL's DataProtectionKeys.
                ["Database:Provider"] = database.Provider.ToString(),
                ["Database:ConnectionString"] = database.ConnectionString,
            })
            .AddInMemoryCollection(settings)
            .Build();

        var services = new ServiceCollection()
            .AddLogging()
            .AddProvisioningPersistence(database)
            .AddProvisioningServices(configuration);
        services.AddCloudflareClient(o =>
        {
            o.AccountId = EmulatorDefaults.AccountId;
            o.ApiToken = EmulatorDefaults.ApiToken;
            o.BaseAddress = _emulator.ApiBaseAddress;
            o.Retry.MaxRetryAttempts = 0;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        });
        // "Cloudflare:..." settings of a test (patience, circuit breaker) win over the defaults above.
        services.AddOptions<CloudflareOptions>().Bind(configuration.GetSection(CloudflareOptions.SectionName));
        if (!relay)
        {
            // The harness starts every hosted service; a replica about to crash must not publish what it commits.
            services.Remove(services.Single(x => x.ServiceType == typeof(IHostedService) && x.ImplementationType == typeof(OutboxRelay)));
            // Nor claim its rows at insert: without a relay of its own it stands for the writers of many crashed replicas,
            // whose rows another replica's poll takes at once (the handoff lease has its own spec, ClaimAtInsert_Specs).
            services.Remove(services.Single(x => x.ServiceType == typeof(OutboxHandoff)));
        }

        _provider = services
            .AddMassTransitTestHarness(x => x.AddProvisioningConsumers())
            .ConfigureTestHarnessTimeouts()
            .Configure<TestHarnessOptions>(o => o.TestTimeout = testTimeout ?? o.TestTimeout)
            .BuildServiceProvider(true);

        Contexts = _provider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(Contexts, CancellationToken.None);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
    }

    public ICloudflareClient Cloudflare => _provider.GetRequiredService<ICloudflareClient>();

    /// <summary>Publishes a command and waits for its outcome event (anything published with its CommandId).</summary>
    public async Task<object> RunAsync(object command)
    {
        await Harness.Bus.Publish(command);
        return await OutcomeAsync((Guid)command.GetType().GetProperty("CommandId")!.GetValue(command)!);
    }

    public async Task<T> RunAsync<T>(object command)
    {
        var outcome = await RunAsync(command);
        return Assert.IsType<T>(outcome);
    }

    public async Task<object> OutcomeAsync(Guid commandId, Func<object, bool>? filter = null)
    {
        var published = await Harness.Published
            .SelectAsync(x => CommandIdOf(x.MessageObject) == commandId && (filter is null || filter(x.MessageObject)))
            .FirstOrDefault();
        Assert.True(published is not null, $"no outcome was published for command {commandId}");
        return published.MessageObject;
    }

    public async Task<TenantState> TenantAsync(string tenantId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Tenants.AsNoTracking().SingleAsync(x => x.TenantId == tenantId);
    }

    public async Task<TenantCommand> CommandAsync(Guid commandId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Commands.AsNoTracking().SingleAsync(x => x.CommandId == commandId);
    }

    public async Task<TenantCommand?> FindCommandAsync(Guid commandId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Commands.AsNoTracking().SingleOrDefaultAsync(x => x.CommandId == commandId);
    }

    /// <summary>Polls a condition (for state outside the bus, where the harness has nothing to await); fails after 30 s.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the condition did not become true within 30 s");
            await Task.Delay(50);
        }
    }

    public async Task<List<OwnedResource>> LedgerAsync(string tenantId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.OwnedResources.AsNoTracking().Where(x => x.TenantId == tenantId).ToListAsync();
    }

    /// <summary>The tenant's script as the emulator holds it, or null.</summary>
    public async Task<ScriptState?> ScriptAsync(string scriptName) =>
        (await Emulator.AccountAsync()).Scripts.SingleOrDefault(x => x.Name == scriptName);

    /// <summary>Names of the KV namespaces, D1 databases and R2 buckets of the tenant in the emulator.</summary>
    public async Task<List<string>> ResourcesAsync(string tenantId)
    {
        var account = await Emulator.AccountAsync();
        var prefix = $"wfp-{tenantId}-";
        return account.KvNamespaces.Select(x => x.Title)
            .Concat(account.D1Databases.Select(x => x.Name))
            .Concat(account.R2Buckets.Select(x => x.Name))
            .Where(x => x.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public Task StartSweeperAsync() => StartHostedServiceAsync<ParkedCommandSweeper>();

    public Task StartHostedServiceAsync<T>()
        where T : IHostedService =>
        _provider.GetServices<IHostedService>().OfType<T>().Single().StartAsync(CancellationToken.None);

    /// <summary>The CommandId of an outcome event (commands themselves are published too and must not match).</summary>
    static Guid? CommandIdOf(object message) => (message as ICommandOutcome)?.CommandId;

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        await _emulator.DisposeAsync();
        Emulator.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDatabase)
        {
            return;
        }

        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }

        var keys = Path.ChangeExtension(_databasePath, ".keys");
        if (Directory.Exists(keys))
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}
