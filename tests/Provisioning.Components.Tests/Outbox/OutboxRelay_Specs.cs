using System.Diagnostics;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Tests.StateMachines;
using Provisioning.Contracts;
using Xunit.Abstractions;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Outbox;

/// <summary>What the outbox publishes depends on the commit: nothing of a failed SaveChanges, everything of a good one.</summary>
public sealed class When_a_transaction_writes_outbox_rows(ITestOutputHelper output)
{
    [Fact]
    public async Task Should_publish_nothing_when_its_SaveChanges_fails()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var writer = world.Services.GetRequiredService<OutboxWriter>();
        var stored = new TenantCommand
        {
            CommandId = Guid.NewGuid(), TenantId = NewTenantId(), CommandType = nameof(ProvisionTenant), PayloadJson = "{}",
            SentTime = DateTime.UtcNow, ReceivedAt = DateTime.UtcNow, Sequence = 1, Status = TenantCommandStatus.Parked,
        };
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            db.Commands.Add(stored);
            await db.SaveChangesAsync();
        }

        var lost = new ResumeTenantOperation { CorrelationId = Guid.NewGuid() };
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            db.Commands.Add(new TenantCommand
            {
                CommandId = stored.CommandId, TenantId = stored.TenantId, CommandType = stored.CommandType, PayloadJson = "{}",
                SentTime = stored.SentTime, ReceivedAt = stored.ReceivedAt, Sequence = 2, Status = TenantCommandStatus.Parked,
            });
            writer.Add(db, lost, typeof(ResumeTenantOperation), stored.TenantId, null);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await Relay(world).DrainAsync(CancellationToken.None);

        Assert.False(await world.Harness.Published.Any<ResumeTenantOperation>(x => x.Context.Message.CorrelationId == lost.CorrelationId));
        await using var check = await world.Contexts.CreateDbContextAsync();
        Assert.Equal(0, await check.OutboxMessages.CountAsync(x => x.TenantId == stored.TenantId));
    }

    [Fact]
    public async Task Should_publish_right_after_a_successful_commit()
    {
        await using var world = await TenantSagaHarness.StartAsync(new() { ["Outbox:PollInterval"] = "00:05:00" });
        var writer = world.Services.GetRequiredService<OutboxWriter>();
        var latencies = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var message = new ResumeTenantOperation { CorrelationId = Guid.NewGuid() };
            await using (var db = await world.Contexts.CreateDbContextAsync())
            {
                writer.Add(db, message, typeof(ResumeTenantOperation), "t-latency", null);
                await db.SaveChangesAsync();
            }

            var committed = Stopwatch.StartNew();
            // The poll is five minutes away: only the wake of the commit can publish this within the harness timeout.
            Assert.True(await world.Harness.Published.Any<ResumeTenantOperation>(x => x.Context.Message.CorrelationId == message.CorrelationId));
            latencies.Add(committed.Elapsed.TotalMilliseconds);
        }

        // For scale: the same wait for a message published straight to the bus (what the in-memory outbox did after the commit).
        var direct = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var message = new ResumeTenantOperation { CorrelationId = Guid.NewGuid() };
            var published = Stopwatch.StartNew();
            await world.Harness.Bus.Publish(message);
            Assert.True(await world.Harness.Published.Any<ResumeTenantOperation>(x => x.Context.Message.CorrelationId == message.CorrelationId));
            direct.Add(published.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        direct.Sort();
        output.WriteLine($"commit to publish over {latencies.Count} messages: median {latencies[latencies.Count / 2]:F1} ms, max {latencies[^1]:F1} ms; " +
            $"direct publish: median {direct[direct.Count / 2]:F1} ms, max {direct[^1]:F1} ms");
        await world.WaitUntilAsync(async () =>
        {
            await using var check = await world.Contexts.CreateDbContextAsync();
            return await check.OutboxMessages.CountAsync(x => x.TenantId == "t-latency" && x.DispatchedAt != null) == latencies.Count;
        });
    }

    static OutboxRelay Relay(TenantSagaHarness world) => world.Services.GetServices<IHostedService>().OfType<OutboxRelay>().Single();
}
