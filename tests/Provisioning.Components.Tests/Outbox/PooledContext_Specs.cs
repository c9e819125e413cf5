using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.Persistence.Databases;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>
/// The context factory hands out pooled contexts (a delivery creates several); one that wrote outbox rows must come
/// back from the pool without its SavedChanges subscription, or every later save of that instance would wake the relay.
/// </summary>
public sealed class When_a_pooled_context_that_wrote_outbox_rows_is_used_again(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Should_be_the_same_instance_and_save_without_a_wake()
    {
        await using var services = new ServiceCollection()
            .AddProvisioningPersistence(new DatabaseOptions { ConnectionString = database.ConnectionString, MigrateOnStart = false })
            .BuildServiceProvider();
        var contexts = services.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await DatabaseMigrator.MigrateAsync(contexts, CancellationToken.None);
        var signal = new OutboxSignal();
        var clock = new FakeTimeProvider();
        var writer = new OutboxWriter(signal, new OutboxReplica(), TimeProvider.System);

        ProvisioningDbContext first;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            first = db;
            writer.Add(db, new ResumeTenantOperation { CorrelationId = Guid.NewGuid() }, typeof(ResumeTenantOperation), "t-pooled", null);
            await db.SaveChangesAsync();
        }

        await signal.WaitAsync(Poll, clock, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        await using var again = await contexts.CreateDbContextAsync();
        Assert.Same(first, again);
        again.TenantEvents.Add(new Provisioning.Components.Timeline.TenantEvent { TenantId = "t-pooled", Kind = "Probe", At = DateTime.UtcNow });
        await again.SaveChangesAsync();

        var waiting = signal.WaitAsync(Poll, clock, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "the reused context's save woke the relay");
        clock.Advance(Poll);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
