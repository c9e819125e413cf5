using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioning.Components.Outbox;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.StateMachines;
using Provisioning.Contracts;
using Xunit.Abstractions;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>
/// A replica killed between its commit and its publish: this world has no relay of its own (it "died" right after the
/// commit), so its step message waits in the outbox, and the relay of another replica on the same database finds it
/// by polling, without a wake from the commit, and publishes it.
/// </summary>
public sealed class When_a_replica_dies_between_its_commit_and_its_publish(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_deliver_its_step_from_another_replica_and_reach_Active()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wfp-outbox-{Guid.NewGuid():N}.db");
        var world = await TenantSagaHarness.StartOnAsync(path, startRelay: false);
        try
        {
            var tenant = NewTenantId();
            var command = Provision(tenant, Kv("CACHE"));
            await world.Harness.Bus.Publish(command);
            await world.WaitUntilAsync(async () =>
            {
                await using var db = await world.Contexts.CreateDbContextAsync();
                return await db.OutboxMessages.AnyAsync(x => x.CommandId == command.CommandId && x.DispatchedAt == null);
            });
            var stuck = await world.TenantAsync(tenant);
            Assert.Equal((nameof(TenantStateMachine.Provisioning), 0), (stuck.CurrentState, stuck.StepIndex));

            var log = new RecordingLogger<OutboxDispatcher>();
            var clock = Stopwatch.StartNew();
            using var survivor = OtherReplicasRelay(world, log);
            await survivor.StartAsync(CancellationToken.None);

            Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
            output.WriteLine($"other replica's relay started to TenantProvisioned: {clock.ElapsedMilliseconds} ms");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
            Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
            Assert.Contains(log.Messages, x => x.StartsWith("Dispatching 1 outbox messages left by replica", StringComparison.Ordinal));
            await survivor.StopAsync(CancellationToken.None);
        }
        finally
        {
            await world.DisposeAsync();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A second replica's relay: a name of its own, and no wake from this world's commits, only its poll.</summary>
    static OutboxRelay OtherReplicasRelay(TenantSagaHarness world, RecordingLogger<OutboxDispatcher> log)
    {
        var options = world.Services.GetRequiredService<IOptions<OutboxOptions>>();
        var metrics = world.Services.GetRequiredService<ProvisioningMetrics>();
        var dispatcher = new OutboxDispatcher(world.Contexts, world.Services.GetRequiredService<IBus>(), new OutboxReplica(), options,
            TimeProvider.System, metrics, log);
        return new OutboxRelay(dispatcher, new OutboxSignal(), options, TimeProvider.System, metrics, NullLogger<OutboxRelay>.Instance);
    }
}
