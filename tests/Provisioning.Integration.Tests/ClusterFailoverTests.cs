using System.Text.Json;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// A worker on the 3-node cluster of ops/rabbitmq/cluster.sh with quorum queues: one node stops in the middle of a run and
/// no command and no outcome is lost.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ClusterFailoverTests(ClusterFailoverTests.App app) : IClassFixture<ClusterFailoverTests.App>
{
    const string AuditQueue = "outcome-audit";

    public sealed class App(TestServices services) : ProvisioningApp(services)
    {
        public RabbitMqCluster? Cluster { get; } = RabbitMqCluster.FromEnvironment();

        // Node 1 is the worker's first node and leads the queues it declares: the one to stop. Node 3 keeps the
        // management API (cluster-wide) answering throughout.
        protected override IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
        {
            ["RabbitMq:ClusterNodes"] = Cluster!.OtherNodesThanTheFirst,
            ["RabbitMq:QueueType"] = "quorum",
        };

        public override Task InitializeAsync() => Cluster is null ? Task.CompletedTask : base.InitializeAsync();

        protected override Task<RabbitMqVirtualHost> CreateVirtualHostAsync() => RabbitMqVirtualHost.CreateAsync(Cluster!.Nodes[0], Cluster.ManagementOf(3));
    }

    [RabbitMqClusterFact]
    public async Task Stopping_a_node_in_the_middle_of_a_run_loses_no_command_and_no_outcome()
    {
        var cluster = app.Cluster!;
        // A platform service's own durable queue for every outcome event (ICommandOutcome's exchange is declared by the workers).
        await app.VirtualHost.DeclareQuorumQueueAsync(AuditQueue, "Provisioning.Contracts:ICommandOutcome");

        // Slow uploads hold every provisioning of the first batch in flight (its KV namespace created, the upload step
        // consumed but not acknowledged) when the node stops.
        await app.Emulator.DelayNextAsync("scripts.upload", 8000, count: 8);
        var commands = new List<Guid>();
        var tenants = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            tenants.Add(ProvisioningApp.NewTenantId("ha"));
            commands.Add(await app.ProvisionTenantAsync(tenants[^1], [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]));
        }

        var started = DateTime.UtcNow;
        await ProvisioningApp.WaitUntilAsync(async () => (await app.Emulator.GetAccountAsync()).KvNamespaces.Count(k => tenants.Any(t => k.Title.Contains(t, StringComparison.Ordinal))) == 8);
        // The stop must meet the first batch in flight; on a machine so slow that the first upload's 8 s delay ran out
        // before the eighth KV namespace existed, the run would not test a failover: say so instead of an empty Assert.Empty.
        var early = await ReadOutcomesAsync();
        Assert.True(early.Count == 0,
            $"{early.Count} of the first 8 provisionings ended before the node stopped (8 KV namespaces took {(DateTime.UtcNow - started).TotalSeconds:F0} s): nothing was in flight.");
        await cluster.StopNodeAsync(1);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                // A publish waits for a connection: without another node to go to it would wait for ever.
                commands.Add(await app.ProvisionTenantAsync(ProvisioningApp.NewTenantId("ha-after")).WaitAsync(ProvisioningApp.WaitLimit));
            }

            var outcomes = await WaitForOutcomesAsync(commands.Count);
            // Time for a duplicate a redelivery would publish late.
            await Task.Delay(TimeSpan.FromSeconds(3));
            outcomes = await ReadOutcomesAsync();

            var byCommand = outcomes.GroupBy(o => o.GetProperty("message").GetProperty("commandId").GetGuid()).ToDictionary(g => g.Key, g => g.ToList());
            Assert.All(commands, id => Assert.True(byCommand.TryGetValue(id, out var seen) && seen.Count == 1,
                $"command {id}: {(byCommand.TryGetValue(id, out var s) ? s.Count : 0)} outcomes"));
            Assert.Equal(commands.Count, outcomes.Count);
            Assert.All(outcomes, o => Assert.Contains($"urn:message:Provisioning.Contracts:{nameof(TenantProvisioned)}",
                o.GetProperty("messageType").EnumerateArray().Select(t => t.GetString())));
        }
        catch (TimeoutException ex)
        {
            // What the worker said about the broker while the node was down.
            var warnings = app.Logs.Events.Where(e => e.Level >= Serilog.Events.LogEventLevel.Warning)
                .Select(e => $"{e.Timestamp:HH:mm:ss.fff} {e.Level} {e.RenderMessage()} {Describe(e.Exception)}");
            throw new TimeoutException($"{ex.Message} Worker warnings:\n{string.Join("\n", warnings)}", ex);
        }
        finally
        {
            await cluster.StartNodeAsync(1);
        }
    }

    // "BasicPublishAsync failed" alone does not say whether the broker refused the message or the channel was gone: the
    // inner exceptions (a nack's PublishException, a closed channel's AlreadyClosedException) do.
    static string Describe(Exception? exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // A PublishException is either a nack (the broker refused the message) or a return (mandatory and unroutable).
            parts.Add(e is RabbitMQ.Client.Exceptions.PublishException publish
                ? $"{e.GetType().Name} ({(publish.IsReturn ? "returned: unroutable" : "nacked by the broker")}, publish #{publish.PublishSequenceNumber})"
                : $"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" <- ", parts);
    }

    async Task<IReadOnlyList<JsonElement>> WaitForOutcomesAsync(int count)
    {
        using var limit = new CancellationTokenSource(ProvisioningApp.WaitLimit);
        var outcomes = await ReadOutcomesAsync();
        while (outcomes.Count < count)
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"{outcomes.Count} of {count} outcomes within {ProvisioningApp.WaitLimit}.");
            }

            await Task.Delay(500, CancellationToken.None);
            outcomes = await ReadOutcomesAsync();
        }

        return outcomes;
    }

    async Task<IReadOnlyList<JsonElement>> ReadOutcomesAsync() =>
        (await app.VirtualHost.PeekAsync(AuditQueue, 1000)).Select(m => JsonDocument.Parse(m.GetProperty("payload").GetString()!).RootElement).ToList();
}
