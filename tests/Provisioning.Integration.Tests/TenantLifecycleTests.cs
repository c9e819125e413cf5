using System.Text.Json.Nodes;
using MassTransit;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>Issue 3 §7 on real RabbitMQ and PostgreSQL, with the emulator over HTTP.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class TenantLifecycleTests(TenantLifecycleTests.App app) : IClassFixture<TenantLifecycleTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    static readonly ResourceSpec[] ThreeResources =
    [
        new() { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
        new() { BindingName = "DB", Type = BindingTypes.D1 },
        new() { BindingName = "FILES", Type = BindingTypes.R2Bucket },
    ];

    [Fact]
    public async Task Provisioning_with_kv_d1_and_r2_binds_the_script_to_exactly_those_three_resources_of_the_tenant()
    {
        var tenantId = ProvisioningApp.NewTenantId("three");

        var provisioned = await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId, ThreeResources));

        var footprint = await app.GetFootprintAsync(tenantId);
        var script = Assert.Single(footprint.Scripts);
        Assert.Equal(provisioned.ScriptName, script.Name);
        var kv = Assert.Single(footprint.KvNamespaces);
        var d1 = Assert.Single(footprint.D1Databases);
        var r2 = Assert.Single(footprint.R2Buckets);
        Assert.Equal(
            new[] { "CACHE kv_namespace " + kv.Id, "DB d1 " + d1.Uuid, "FILES r2_bucket " + r2.Name },
            Describe(script.Bindings));
        Assert.Equal("Active", (await app.WaitForStateAsync(tenantId, "Active")).State);
    }

    [Fact]
    public async Task Attaching_a_fourth_binding_keeps_the_three_and_adds_it()
    {
        var tenantId = ProvisioningApp.NewTenantId("attach");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId, ThreeResources));

        var attach = new AttachBinding
        {
            CommandId = NewId.NextGuid(),
            TenantId = tenantId,
            Resource = new ResourceSpec { BindingName = "SESSIONS", Type = BindingTypes.KvNamespace },
        };
        var attached = await app.WaitForOutcomeAsync<BindingAttached>(await app.SendAsync(attach, attach.CommandId));

        Assert.Equal("SESSIONS", attached.BindingName);
        var footprint = await app.GetFootprintAsync(tenantId);
        var script = Assert.Single(footprint.Scripts);
        Assert.Equal(2, footprint.KvNamespaces.Count);
        var sessions = footprint.KvNamespaces.Single(k => k.Title.EndsWith("-sessions", StringComparison.Ordinal));
        Assert.Contains("SESSIONS kv_namespace " + sessions.Id, Describe(script.Bindings));
        Assert.Equal(new[] { "CACHE", "DB", "FILES", "SESSIONS" }, script.Bindings.Select(b => (string)b["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deploying_new_code_changes_the_content_and_keeps_every_binding_secrets_included()
    {
        var tenantId = ProvisioningApp.NewTenantId("deploy");
        BindingSpec[] bindings =
        [
            new() { Name = "API_KEY", Type = BindingTypes.SecretText, Text = "s3cr3t-value" },
            new() { Name = "MODE", Type = BindingTypes.PlainText, Text = "production" },
        ];
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId, ThreeResources, bindings));
        var before = Assert.Single((await app.GetFootprintAsync(tenantId)).Scripts);

        var deploy = new DeployScript { CommandId = NewId.NextGuid(), TenantId = tenantId, Script = ProvisioningApp.Script("version two") };
        await app.WaitForOutcomeAsync<ScriptDeployed>(await app.SendAsync(deploy, deploy.CommandId));

        var after = Assert.Single((await app.GetFootprintAsync(tenantId)).Scripts);
        Assert.NotEqual(before.ContentSha256, after.ContentSha256);
        Assert.Equal(Describe(before.Bindings), Describe(after.Bindings));
        Assert.Contains("API_KEY", after.SecretNames);
        var secret = after.Bindings.Single(b => (string?)b["name"] == "API_KEY");
        Assert.Equal("secret_text", (string?)secret["type"]);
        Assert.Equal(5, after.Bindings.Count);
    }

    [Fact]
    public async Task A_permanent_failure_at_the_upload_leaves_nothing_of_the_tenant_and_publishes_the_failure()
    {
        var tenantId = ProvisioningApp.NewTenantId("fail");
        await app.Emulator.FailNextAsync("scripts.upload", 400, 10021, "Uncaught SyntaxError: injected by the test");

        var failed = await app.WaitForOutcomeAsync<TenantProvisioningFailed>(await app.ProvisionTenantAsync(tenantId, ThreeResources));

        Assert.Equal(10021, failed.ErrorCode);
        Assert.Contains("injected by the test", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.False(failed.CompensationFailed);
        Assert.Equal(3, failed.Compensated.Count);
        var footprint = await app.GetFootprintAsync(tenantId);
        Assert.True(footprint.IsEmpty, $"left behind: {footprint}");
    }

    [Fact]
    public async Task Deprovisioning_leaves_nothing_of_the_tenant()
    {
        var tenantId = ProvisioningApp.NewTenantId("gone");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(tenantId, ThreeResources));
        Assert.False((await app.GetFootprintAsync(tenantId)).IsEmpty);

        var deprovision = new DeprovisionTenant { CommandId = NewId.NextGuid(), TenantId = tenantId };
        await app.WaitForOutcomeAsync<TenantDeprovisioned>(await app.SendAsync(deprovision, deprovision.CommandId));

        var footprint = await app.GetFootprintAsync(tenantId);
        Assert.True(footprint.IsEmpty, $"left behind: {footprint}");
    }

    [Fact]
    public async Task Provision_attach_and_deploy_sent_at_once_all_succeed_in_that_order()
    {
        var tenantId = ProvisioningApp.NewTenantId("burst");
        var provisionId = await app.ProvisionTenantAsync(tenantId, ThreeResources);
        var attach = new AttachBinding
        {
            CommandId = NewId.NextGuid(),
            TenantId = tenantId,
            Binding = new BindingSpec { Name = "GREETING", Type = BindingTypes.PlainText, Text = "hi" },
        };
        await app.SendAsync(attach, attach.CommandId);
        var deploy = new DeployScript { CommandId = NewId.NextGuid(), TenantId = tenantId, Script = ProvisioningApp.Script("burst v2") };
        await app.SendAsync(deploy, deploy.CommandId);

        await app.WaitForOutcomeAsync<TenantProvisioned>(provisionId);
        await app.WaitForOutcomeAsync<BindingAttached>(attach.CommandId);
        await app.WaitForOutcomeAsync<ScriptDeployed>(deploy.CommandId);

        var status = await app.WaitForStateAsync(tenantId, "Active");
        var ended = status.RecentCommands.OrderBy(c => c.EndedAt).Select(c => c.CommandId).ToList();
        Assert.Equal(new[] { provisionId, attach.CommandId, deploy.CommandId }, ended);
        var script = Assert.Single((await app.GetFootprintAsync(tenantId)).Scripts);
        Assert.Contains("GREETING", script.Bindings.Select(b => (string?)b["name"]));
    }

    [Fact]
    public async Task A_repeated_command_id_has_no_second_effect_and_its_outcome_is_published_again()
    {
        var tenantId = ProvisioningApp.NewTenantId("twice");
        var seen = new System.Collections.Concurrent.ConcurrentQueue<TenantProvisioned>();
        var handle = app.Worker.Bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), KebabCaseEndpointNameFormatter.Instance,
            e => e.Handler<TenantProvisioned>(context =>
            {
                if (context.Message.TenantId == tenantId)
                {
                    seen.Enqueue(context.Message);
                }

                return Task.CompletedTask;
            }));
        await handle.Ready;
        try
        {
            var command = new ProvisionTenant
            {
                CommandId = NewId.NextGuid(),
                TenantId = tenantId,
                Resources = ThreeResources,
                Script = ProvisioningApp.Script("once"),
            };
            await app.SendAsync(command, command.CommandId);
            await app.WaitForOutcomeAsync<TenantProvisioned>(command.CommandId);
            var before = await app.GetFootprintAsync(tenantId);

            await app.SendAsync(command, command.CommandId);
            await WaitUntilAsync(() => seen.Count >= 2);

            Assert.All(seen, e => Assert.Equal(command.CommandId, e.CommandId));
            var after = await app.GetFootprintAsync(tenantId);
            Assert.Equal(before.Scripts.Single().Etag, after.Scripts.Single().Etag);
            Assert.Equal(before.KvNamespaces, after.KvNamespaces);
            Assert.Single((await app.GetStatusAsync(tenantId))!.RecentCommands);
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(ProvisioningApp.WaitLimit);
        while (!condition())
        {
            await Task.Delay(100, limit.Token);
        }
    }

    /// <summary>"NAME type target" per binding, sorted: the target is the KV id, D1 id or R2 bucket name.</summary>
    static List<string> Describe(IEnumerable<JsonObject> bindings) =>
        bindings.Select(b => $"{b["name"]} {b["type"]} {b["namespace_id"] ?? b["database_id"] ?? b["id"] ?? b["bucket_name"] ?? b["text"]}".TrimEnd())
            .Order(StringComparer.Ordinal).ToList();
}
