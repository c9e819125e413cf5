using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Provisioning.Cli;
using Provisioning.Components;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;
using Provisioning.Worker.Messaging;
using RabbitMQ.Client;

namespace Provisioning.Integration.Tests;

/// <summary>What other services and operators see on the broker: queues, raw JSON, the error queue, the CLI over RabbitMQ.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class BrokerTests(BrokerTests.App app) : IClassFixture<BrokerTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    static readonly string[] CommandQueues = ["provision-tenant", "attach-binding", "detach-binding", "deploy-script", "deprovision-tenant"];

    [Fact]
    public async Task The_dashboard_shows_one_durable_queue_per_command_with_a_readable_name()
    {
        var queues = await app.VirtualHost.GetQueuesAsync();

        foreach (var name in CommandQueues)
        {
            var queue = queues.SingleOrDefault(q => q.GetProperty("name").GetString() == name);
            Assert.True(queue.ValueKind == JsonValueKind.Object, $"no queue {name}; queues: {string.Join(", ", queues.Select(q => q.GetProperty("name").GetString()))}");
            Assert.True(queue.GetProperty("durable").GetBoolean(), $"{name} is not durable");
            Assert.False(queue.GetProperty("auto_delete").GetBoolean(), $"{name} is auto-delete");
        }

        var durableNames = queues.Where(q => q.GetProperty("durable").GetBoolean()).Select(q => q.GetProperty("name").GetString()!).ToList();
        Assert.All(durableNames, name => Assert.Matches(new Regex("^[a-z][a-z0-9-]*(_error|_skipped)?$"), name));
    }

    [Fact]
    public async Task The_step_queue_is_consumed_with_its_own_concurrency_and_the_others_with_the_prefetch_count()
    {
        // The management API lists consumers from its statistics, refreshed every few seconds.
        string[] queues = ["tenant-step", "provision-tenant", "tenant-state"];
        IReadOnlyList<JsonElement> consumers = [];
        await ProvisioningApp.WaitUntilAsync(async () =>
        {
            consumers = await app.VirtualHost.GetConsumersAsync();
            return queues.All(q => consumers.Any(c => c.GetProperty("queue").GetProperty("name").GetString() == q));
        });

        int Prefetch(string queue) => consumers.First(c => c.GetProperty("queue").GetProperty("name").GetString() == queue).GetProperty("prefetch_count").GetInt32();
        Assert.Equal(new ProvisioningOptions().StepConcurrency, Prefetch("tenant-step"));
        Assert.Equal(new RabbitMqOptions().PrefetchCount, Prefetch("provision-tenant"));
        Assert.Equal(new RabbitMqOptions().PrefetchCount, Prefetch("tenant-state"));
    }

    [Fact]
    public async Task A_malformed_message_ends_in_the_error_queue_with_its_reason_and_the_queue_keeps_working()
    {
        var messageId = Guid.NewGuid().ToString();
        await app.VirtualHost.PublishRawAsync("provision-tenant", messageId, "{\"tenantId\": \"bad-json\", ");

        var faulted = await WaitForAsync(async () => (await app.VirtualHost.PeekAsync("provision-tenant_error", 50))
            .FirstOrDefault(m => m.GetProperty("properties").GetProperty("message_id").GetString() == messageId));
        var headers = faulted.GetProperty("properties").GetProperty("headers");
        Assert.Equal("fault", headers.GetProperty("MT-Reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(headers.GetProperty("MT-Fault-Message").GetString()));

        var tenantId = ProvisioningApp.NewTenantId("after-bad");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId));
    }

    [Fact]
    public async Task A_publisher_without_MassTransit_sends_raw_json_and_receives_the_outcome()
    {
        var tenantId = ProvisioningApp.NewTenantId("raw");
        var commandId = Guid.NewGuid();
        await using var connection = await new ConnectionFactory { Uri = app.VirtualHost.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        // Its own queue on the outcome event's exchange (declared by the workers, which listen to every outcome).
        var outcomes = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(outcomes.QueueName, "Provisioning.Contracts:TenantProvisioned", "");

        var json = $$"""
            {
              "commandId": "{{commandId}}",
              "tenantId": "{{tenantId}}",
              "resources": [ { "bindingName": "CACHE", "type": "kv_namespace" } ],
              "bindings": [ { "name": "GREETING", "type": "plain_text", "text": "hello" } ],
              "script": {
                "mainModule": "index.js",
                "compatibilityDate": "2025-01-01",
                "modules": [ { "name": "index.js", "content": "export default { fetch() { return new Response('hi'); } };" } ]
              }
            }
            """;
        var properties = new BasicProperties { ContentType = "application/json", MessageId = commandId.ToString(), DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync("Provisioning.Contracts:ProvisionTenant", "", mandatory: true, properties, Encoding.UTF8.GetBytes(json));

        var outcome = await WaitForAsync(async () =>
        {
            var delivery = await channel.BasicGetAsync(outcomes.QueueName, autoAck: true);
            if (delivery is null)
            {
                return default;
            }

            var envelope = JsonDocument.Parse(delivery.Body).RootElement;
            var message = envelope.GetProperty("message");
            return message.GetProperty("commandId").GetGuid() == commandId ? message : default;
        });
        Assert.Equal(tenantId, outcome.GetProperty("tenantId").GetString());
        var script = Assert.Single((await app.GetFootprintAsync(tenantId)).Scripts);
        Assert.Equal(2, script.Bindings.Count);
    }

    [Fact]
    public async Task The_cli_provisions_and_reads_status_over_rabbitmq()
    {
        var tenantId = ProvisioningApp.NewTenantId("cli-mq");
        var broker = app.VirtualHost.AmqpUri.ToString();

        var (code, output) = await RunCliAsync("provision", tenantId, "--kv", "CACHE", "--r2", "FILES", "--rabbitmq", broker, "--timeout", "90");
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("TenantProvisioned", output, StringComparison.Ordinal);

        (code, output) = await RunCliAsync("status", tenantId, "--rabbitmq", broker);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains($"Tenant {tenantId}: Active", output, StringComparison.Ordinal);
        Assert.Contains("FILES", output, StringComparison.Ordinal);

        (code, output) = await RunCliAsync("deploy", tenantId, "--module", "does-not-exist.js", "--rabbitmq", broker);
        Assert.Equal(ExitCodes.Usage, code);

        (code, output) = await RunCliAsync("tenants", "--rabbitmq", new UriBuilder(app.VirtualHost.AmqpUri) { Port = 1 }.Uri.ToString());
        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.Contains("127.0.0.1:1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_compensation_is_visible_and_the_cli_retries_it_once_the_cause_is_fixed()
    {
        var tenantId = ProvisioningApp.NewTenantId("undo");
        var broker = app.VirtualHost.AmqpUri.ToString();
        await app.Emulator.FailNextAsync("scripts.upload", 400, 10021, "injected upload failure");
        await app.Emulator.FailNextAsync("kv.delete", 403, 10000, "injected: deletes are forbidden for now", count: 1000);
        var commandId = Guid.Empty;
        try
        {
            commandId = await app.ProvisionTenantAsync(tenantId, [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]);
            var failed = await app.WaitForOutcomeAsync<TenantProvisioningFailed>(commandId);
            Assert.True(failed.CompensationFailed);
            await app.WaitForStateAsync(tenantId, "CompensationFailed");
            Assert.Single((await app.GetFootprintAsync(tenantId)).KvNamespaces);
        }
        finally
        {
            await app.Emulator.ClearFaultsAsync();
        }

        var (code, output) = await RunCliAsync("retry-compensation", tenantId, "--rabbitmq", broker, "--timeout", "90");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains($"retrying the undo of ProvisionTenant {commandId}", output, StringComparison.Ordinal);
        Assert.Contains("TenantProvisioningFailed", output, StringComparison.Ordinal);   // the outcome, published again
        Assert.DoesNotContain("COMPENSATION FAILED", output, StringComparison.Ordinal);
        (code, output) = await RunCliAsync("timeline", tenantId, "--rabbitmq", broker);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains("StepFailed", output, StringComparison.Ordinal);
        Assert.Contains("[Cloudflare 10021]", output, StringComparison.Ordinal);
        Assert.Contains("DeleteResource #1 (undo)", output, StringComparison.Ordinal);   // after DeleteScript #0
        Assert.Contains("[Cloudflare 10000]", output, StringComparison.Ordinal);
        Assert.Contains("CompensationRetried", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CompensationFailed", (await app.GetStatusAsync(tenantId))!.State, StringComparison.Ordinal);
        var footprint = await app.GetFootprintAsync(tenantId);
        Assert.True(footprint.IsEmpty, $"left behind: {footprint}");
    }

    internal static async Task<(int Code, string Output)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await WfpCli.RunAsync(args, output, output, CancellationToken.None);
        return (code, output.ToString());
    }

    internal static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement>> probe)
    {
        using var limit = new CancellationTokenSource(ProvisioningApp.WaitLimit);
        while (!limit.IsCancellationRequested)
        {
            if (await probe() is { ValueKind: not JsonValueKind.Undefined } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Nothing arrived within {ProvisioningApp.WaitLimit}.");
    }
}
