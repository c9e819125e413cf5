using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>Two replicas' relays draining one PostgreSQL outbox at the same time, in small batches so their claims interleave.</summary>
public sealed class When_two_relays_share_one_PostgreSQL_database(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    const int Rows = 300;

    [Fact]
    public async Task Should_publish_each_row_once()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddProvisioningPersistence(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .AddMassTransitTestHarness()
            .BuildServiceProvider(true);
        var contexts = services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(contexts, CancellationToken.None);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();

        var writer = new OutboxWriter(new OutboxSignal(), new OutboxReplica(), TimeProvider.System);
        var ids = Enumerable.Range(0, Rows).Select(_ => Guid.NewGuid()).ToHashSet();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var id in ids)
            {
                writer.Add(db, new ResumeTenantOperation { CorrelationId = id }, typeof(ResumeTenantOperation), "t-two-relays", null);
            }

            await db.SaveChangesAsync();
        }

        var first = Dispatcher(contexts, harness.Bus);
        var second = Dispatcher(contexts, harness.Bus);
        await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        var published = harness.Published.Select<ResumeTenantOperation>(x => ids.Contains(x.Context.Message.CorrelationId))
            .Select(x => x.Context.Message.CorrelationId).ToList();
        Assert.Equal(Rows, published.Count);
        Assert.Equal(Rows, published.Distinct().Count());

        await using var check = await contexts.CreateDbContextAsync();
        var rows = await check.OutboxMessages.AsNoTracking().ToListAsync();
        Assert.All(rows, x => Assert.NotNull(x.DispatchedAt));
        Assert.All(rows, x => Assert.Equal(1, x.Attempts));
    }

    static OutboxDispatcher Dispatcher(IDbContextFactory<ProvisioningDbContext> contexts, IBus bus) =>
        new(contexts, bus, new OutboxReplica(), Options.Create(new OutboxOptions { BatchSize = 7 }), TimeProvider.System,
            new ProvisioningMetrics(), NullLogger<OutboxDispatcher>.Instance);

    static async Task DrainAsync(OutboxDispatcher dispatcher)
    {
        while (await dispatcher.DispatchBatchAsync(CancellationToken.None) > 0)
        {
        }
    }
}
