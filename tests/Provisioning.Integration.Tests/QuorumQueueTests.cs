using System.Text.Json;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>RabbitMq:QueueType=quorum on a single broker: which queues become quorum queues, and that the worker runs on them.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class QuorumQueueTests(QuorumQueueTests.App app) : IClassFixture<QuorumQueueTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services)
    {
        protected override IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?> { ["RabbitMq:QueueType"] = "quorum" };
    }

    [Fact]
    public async Task Every_durable_queue_is_a_quorum_queue_and_the_instance_outcome_queue_stays_classic()
    {
        var queues = await app.VirtualHost.GetQueuesAsync();

        var durable = queues.Where(q => q.GetProperty("durable").GetBoolean()).ToList();
        Assert.Contains(durable, q => Name(q) == "provision-tenant");
        Assert.Contains(durable, q => Name(q) == "tenant-state");
        Assert.All(durable, q => Assert.True(Type(q) == "quorum", $"{Name(q)} is {Type(q)}"));
        var outcomes = Assert.Single(queues, q => Name(q).StartsWith("worker-outcomes-", StringComparison.Ordinal));
        Assert.Equal("classic", Type(outcomes));
        Assert.False(outcomes.GetProperty("durable").GetBoolean());
    }

    [Fact]
    public async Task A_tenant_is_provisioned_and_a_malformed_command_lands_in_a_readable_quorum_error_queue()
    {
        var tenantId = ProvisioningApp.NewTenantId("quorum");
        await app.WaitForOutcomeAsync<TenantProvisioned>(
            await app.ProvisionTenantAsync(tenantId, [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]));

        var messageId = Guid.NewGuid().ToString();
        await app.VirtualHost.PublishRawAsync("provision-tenant", messageId, "{\"tenantId\": ");

        // MassTransit gives <queue>_error the main queue's arguments, so it is a quorum queue too; the dashboard's
        // "Get messages" (basic.get) still reads it.
        var faulted = await BrokerTests.WaitForAsync(async () => (await app.VirtualHost.PeekAsync("provision-tenant_error", 50))
            .FirstOrDefault(m => m.GetProperty("properties").GetProperty("message_id").GetString() == messageId));
        Assert.Equal("fault", faulted.GetProperty("properties").GetProperty("headers").GetProperty("MT-Reason").GetString());
        var error = Assert.Single(await app.VirtualHost.GetQueuesAsync(), q => Name(q) == "provision-tenant_error");
        Assert.Equal("quorum", Type(error));
    }

    static string Name(JsonElement queue) => queue.GetProperty("name").GetString()!;

    static string? Type(JsonElement queue) => queue.TryGetProperty("type", out var type) ? type.GetString() : null;
}
