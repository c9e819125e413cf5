using Provisioning.Components;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Consumers;
using Provisioning.Components.Persistence;
using Provisioning.Components.Secrets;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Consumers;

/// <summary>The five command consumers on the test harness over a migrated SQLite database.</summary>
public abstract class CommandIntakeHarness(SqliteTestDatabase database) : IAsyncLifetime
{
    public const int MaxScriptSizeBytes = 1024;

    ServiceProvider _provider = null!;

    protected ITestHarness Harness { get; private set; } = null!;

    protected IDbContextFactory<ProvisioningDbContext> Contexts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection()
            .AddProvisioningPersistence(new DatabaseOptions { ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .AddProvisioningSecrets(new KeyRingLocation(null, InDatabase: false))
            .AddCommandIntake()
            .Configure<ProvisioningOptions>(o => o.MaxScriptSizeBytes = MaxScriptSizeBytes)
            .AddMassTransitTestHarness(x => x.AddCommandConsumers())
            .ConfigureTestHarnessTimeouts()
            .BuildServiceProvider(true);

        Contexts = _provider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(Contexts, CancellationToken.None);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
    }

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }

    protected async Task<CommandRejected> RejectedAsync(object command, string tenantId)
    {
        await Harness.Bus.Publish(command);
        var rejected = await Harness.Published.SelectAsync<CommandRejected>(x => x.Context.Message.TenantId == tenantId).FirstOrDefault();
        Assert.NotNull(rejected);

        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.Commands.AnyAsync(x => x.TenantId == tenantId), "a rejected command must not be stored");
        return rejected.Context.Message;
    }

    protected async Task<TenantCommand> StoredAsync(Guid commandId)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Commands.AsNoTracking().SingleAsync(x => x.CommandId == commandId);
    }
}
