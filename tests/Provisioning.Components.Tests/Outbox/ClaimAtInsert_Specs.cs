using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>
/// A replica's rows are claimed by their own INSERT and handed to its relay after the commit: published without a claim
/// UPDATE, and no other replica takes them while the handoff lease runs; once it has run out (the writer died before
/// publishing), another replica's poll claims and publishes them.
/// </summary>
public sealed class When_a_replica_commits_outbox_rows_claimed_by_their_insert(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    static readonly OutboxOptions Settings = new();
    readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Should_publish_them_from_the_handoff_once_and_keep_other_replicas_off_them()
    {
        await using var world = await WorldAsync();
        var writer = new OutboxReplica();
        var handoff = new OutboxHandoff();
        var id = await CommitAsync(world, writer, handoff);

        var row = await RowAsync(world, id);
        Assert.Equal($"{writer.Name}/insert", row.LockedBy);
        Assert.Equal(_clock.GetUtcNow().UtcDateTime + Settings.HandoffLease, row.LockedUntil);
        Assert.Equal(0, await Dispatcher(world, new OutboxReplica(), handoff: null).DispatchBatchAsync(CancellationToken.None));

        Assert.Equal(1, await Dispatcher(world, writer, handoff).DispatchBatchAsync(CancellationToken.None));

        Assert.Equal([id], Published(world, id));
        row = await RowAsync(world, id);
        Assert.NotNull(row.DispatchedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(0, await Dispatcher(world, writer, handoff).DispatchBatchAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Should_leave_them_to_another_replica_once_the_handoff_lease_has_run_out()
    {
        await using var world = await WorldAsync();
        var id = await CommitAsync(world, new OutboxReplica(), new OutboxHandoff());
        var survivor = Dispatcher(world, new OutboxReplica(), handoff: null);

        _clock.Advance(Settings.HandoffLease - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, await survivor.DispatchBatchAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(1, await survivor.DispatchBatchAsync(CancellationToken.None));

        Assert.Equal([id], Published(world, id));
        var row = await RowAsync(world, id);
        Assert.NotNull(row.DispatchedAt);
        Assert.Equal(2, row.Attempts);
    }

    async Task<ServiceProvider> WorldAsync()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddProvisioningPersistence(new DatabaseOptions { ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .AddMassTransitTestHarness()
            .BuildServiceProvider(true);
        await DatabaseMigrator.MigrateAsync(services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>(), CancellationToken.None);
        await services.GetRequiredService<ITestHarness>().Start();
        return services;
    }

    async Task<Guid> CommitAsync(ServiceProvider world, OutboxReplica replica, OutboxHandoff handoff)
    {
        var id = Guid.NewGuid();
        var writer = new OutboxWriter(new OutboxSignal(), replica, _clock, handoff, Options.Create(Settings));
        await using var db = await world.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContextAsync();
        writer.Add(db, new ResumeTenantOperation { CorrelationId = id }, typeof(ResumeTenantOperation), $"t-{id:N}", null);
        await db.SaveChangesAsync();
        return id;
    }

    static async Task<OutboxMessage> RowAsync(ServiceProvider world, Guid id)
    {
        await using var db = await world.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>().CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(x => x.TenantId == $"t-{id:N}");
    }

    static List<Guid> Published(ServiceProvider world, Guid id) =>
        world.GetRequiredService<ITestHarness>().Published.Select<ResumeTenantOperation>(x => x.Context.Message.CorrelationId == id)
            .Select(x => x.Context.Message.CorrelationId).ToList();

    OutboxDispatcher Dispatcher(ServiceProvider world, OutboxReplica replica, OutboxHandoff? handoff) =>
        new(world.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>(), world.GetRequiredService<IBus>(), replica,
            Options.Create(Settings), _clock, new ProvisioningMetrics(), NullLogger<OutboxDispatcher>.Instance, handoff);
}
