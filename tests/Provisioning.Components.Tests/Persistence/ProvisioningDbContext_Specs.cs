using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Persistence;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;
using Provisioning.Contracts;

namespace Provisioning.Components.Tests.Persistence;

/// <summary>The migrated schema's rules: concurrency tokens, unique keys, UTC times, and which errors are retried.</summary>
public abstract class ProvisioningDbContext_Specs(TestDatabase database) : IAsyncLifetime
{
    static readonly DateTime Now = new(2026, 11, 28, 9, 30, 0, DateTimeKind.Utc);

    ServiceProvider _services = null!;
    IDbContextFactory<ProvisioningDbContext> _factory = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddProvisioningPersistence(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .BuildServiceProvider();
        _factory = _services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(_factory, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Should_increment_the_version_on_every_update()
    {
        var tenant = NewTenant();
        await using (var db = _factory.CreateDbContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        for (var expected = 1; expected <= 2; expected++)
        {
            await using var db = _factory.CreateDbContext();
            var loaded = await db.Tenants.SingleAsync(x => x.CorrelationId == tenant.CorrelationId);
            loaded.CurrentState = $"State{expected}";
            await db.SaveChangesAsync();
            Assert.Equal(expected, loaded.Version);
        }

        await using var check = _factory.CreateDbContext();
        var stored = await check.Tenants.AsNoTracking().SingleAsync(x => x.CorrelationId == tenant.CorrelationId);
        Assert.Equal(2, stored.Version);
        Assert.Equal("State2", stored.CurrentState);
    }

    [Fact]
    public async Task Should_refuse_an_update_based_on_a_stale_read()
    {
        var tenant = NewTenant();
        await using (var db = _factory.CreateDbContext())
        {
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }

        await using var first = _factory.CreateDbContext();
        await using var second = _factory.CreateDbContext();
        var a = await first.Tenants.SingleAsync(x => x.CorrelationId == tenant.CorrelationId);
        var b = await second.Tenants.SingleAsync(x => x.CorrelationId == tenant.CorrelationId);

        a.StepIndex = 1;
        await first.SaveChangesAsync();
        b.StepIndex = 7;
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.True(DatabaseConflicts.IsRetryable(conflict));
        await using var check = _factory.CreateDbContext();
        Assert.Equal(1, (await check.Tenants.AsNoTracking().SingleAsync(x => x.CorrelationId == tenant.CorrelationId)).StepIndex);
    }

    [Fact]
    public async Task Should_refuse_a_stale_command_status_change()
    {
        var command = NewCommand("acme-stale");
        await using (var db = _factory.CreateDbContext())
        {
            db.Commands.Add(command);
            await db.SaveChangesAsync();
        }

        await using var saga = _factory.CreateDbContext();
        await using var sweeper = _factory.CreateDbContext();
        var running = await saga.Commands.SingleAsync(x => x.CommandId == command.CommandId);
        var rejected = await sweeper.Commands.SingleAsync(x => x.CommandId == command.CommandId);
        running.Status = TenantCommandStatus.Running;
        await saga.SaveChangesAsync();
        rejected.Status = TenantCommandStatus.Rejected;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => sweeper.SaveChangesAsync());
    }

    [Fact]
    public async Task Should_allow_one_saga_per_tenant_id()
    {
        var tenantId = $"t{Guid.NewGuid():N}"[..20];
        await using (var db = _factory.CreateDbContext())
        {
            db.Tenants.Add(NewTenant(tenantId));
            await db.SaveChangesAsync();
        }

        await using var again = _factory.CreateDbContext();
        again.Tenants.Add(NewTenant(tenantId));
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());

        Assert.True(DatabaseConflicts.IsRetryable(duplicate), "a unique-key race is retried (the retry then loads the winner)");
    }

    [Fact]
    public async Task Should_allow_one_ledger_row_per_resource_name()
    {
        var name = $"wfp-{Guid.NewGuid():N}";
        await using (var db = _factory.CreateDbContext())
        {
            db.OwnedResources.Add(NewResource("acme", BindingTypes.KvNamespace, name));
            db.OwnedResources.Add(NewResource("acme", BindingTypes.D1, name)); // same name, other type: fine
            await db.SaveChangesAsync();
        }

        await using var again = _factory.CreateDbContext();
        again.OwnedResources.Add(NewResource("other", BindingTypes.KvNamespace, name));
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());
        Assert.True(DatabaseConflicts.IsRetryable(duplicate));
    }

    [Fact]
    public async Task Should_not_retry_a_binding_that_points_at_no_ledger_row()
    {
        await using var db = _factory.CreateDbContext();
        db.Bindings.Add(new TenantBinding
        {
            TenantId = "acme",
            Name = "CACHE",
            Type = BindingTypes.KvNamespace,
            DefinitionJson = "{}",
            OwnedResourceId = Guid.NewGuid(),
            CreatedAt = Now,
            UpdatedAt = Now,
        });

        var broken = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.False(DatabaseConflicts.IsRetryable(broken));
    }

    [Fact]
    public async Task Should_keep_bindings_and_their_resources_together()
    {
        var tenantId = $"b{Guid.NewGuid():N}"[..20];
        var resource = NewResource(tenantId, BindingTypes.R2Bucket, $"wfp-{tenantId}-files");
        await using (var db = _factory.CreateDbContext())
        {
            db.OwnedResources.Add(resource);
            db.Bindings.Add(new TenantBinding
            {
                TenantId = tenantId,
                Name = "FILES",
                Type = BindingTypes.R2Bucket,
                DefinitionJson = """{"type":"r2_bucket","name":"FILES"}""",
                OwnedResourceId = resource.Id,
                CreatedByCommandId = resource.CreatedByCommandId,
                CreatedAt = Now,
                UpdatedAt = Now,
            });
            await db.SaveChangesAsync();
        }

        await using var check = _factory.CreateDbContext();
        var binding = await check.Bindings.SingleAsync(x => x.TenantId == tenantId && x.Name == "FILES");
        var owned = await check.OwnedResources.SingleAsync(x => x.Id == binding.OwnedResourceId);
        Assert.Equal(OwnedResourceState.Creating, owned.State);
        Assert.Equal(resource.Name, owned.Name);
    }

    [Fact]
    public async Task Should_return_times_as_utc_and_order_commands_by_sent_time_then_sequence()
    {
        var tenantId = $"c{Guid.NewGuid():N}"[..20];
        await using (var db = _factory.CreateDbContext())
        {
            db.Commands.Add(NewCommand(tenantId, sentTime: Now.AddSeconds(2), sequence: 1, type: "DeployScript"));
            db.Commands.Add(NewCommand(tenantId, sentTime: Now, sequence: 3, type: "ProvisionTenant"));
            db.Commands.Add(NewCommand(tenantId, sentTime: Now.AddSeconds(2), sequence: 2, type: "AttachBinding"));
            db.Commands.Add(NewCommand(tenantId, sentTime: Now.AddMilliseconds(1500), sequence: 9, type: "DetachBinding", status: TenantCommandStatus.Succeeded));
            await db.SaveChangesAsync();
        }

        await using var check = _factory.CreateDbContext();
        var queued = await check.Commands
            .Where(x => x.TenantId == tenantId && x.Status == TenantCommandStatus.Queued)
            .OrderBy(x => x.SentTime).ThenBy(x => x.Sequence)
            .ToListAsync();

        Assert.Equal(["ProvisionTenant", "DeployScript", "AttachBinding"], queued.Select(x => x.CommandType));
        Assert.All(queued, x => Assert.Equal(DateTimeKind.Utc, x.SentTime!.Value.Kind));
        Assert.All(queued, x => Assert.Equal(DateTimeKind.Utc, x.ReceivedAt.Kind));
        Assert.Equal(Now, queued[0].SentTime);
    }

    static TenantState NewTenant(string? tenantId = null)
    {
        tenantId ??= $"t{Guid.NewGuid():N}"[..20];
        return new TenantState
        {
            CorrelationId = Guid.NewGuid(),
            TenantId = tenantId,
            CurrentState = "Provisioning",
            CreatedAt = Now,
            UpdatedAt = Now,
        };
    }

    static TenantCommand NewCommand(string tenantId, DateTime? sentTime = null, long sequence = 1, string type = "ProvisionTenant",
        TenantCommandStatus status = TenantCommandStatus.Queued) => new()
    {
        CommandId = Guid.NewGuid(),
        TenantId = tenantId,
        CommandType = type,
        PayloadJson = "{}",
        SentTime = sentTime ?? Now,
        ReceivedAt = Now,
        Sequence = sequence,
        Status = status,
    };

    static OwnedResource NewResource(string tenantId, string type, string name) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        ResourceType = type,
        Name = name,
        State = OwnedResourceState.Creating,
        CreatedByCommandId = Guid.NewGuid(),
        CreatedAt = Now,
        UpdatedAt = Now,
    };
}

public sealed class ProvisioningDbContext_on_SQLite(SqliteTestDatabase database)
    : ProvisioningDbContext_Specs(database), IClassFixture<SqliteTestDatabase>;

public sealed class ProvisioningDbContext_on_PostgreSQL(PostgresTestDatabase database)
    : ProvisioningDbContext_Specs(database), IClassFixture<PostgresTestDatabase>;
