using Provisioning.Cli;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>`wfp forget` and `wfp resume` over RabbitMQ against the worker's wiring, the emulator over HTTP.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class OperatorCommandTests(OperatorCommandTests.App app) : IClassFixture<OperatorCommandTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    string Broker => app.VirtualHost.AmqpUri.ToString();

    [Fact]
    public async Task Forget_removes_a_failed_tenant_and_refuses_an_active_one()
    {
        var failedId = ProvisioningApp.NewTenantId("forget");
        await app.Emulator.FailNextAsync("scripts.upload", 400, 10021, "injected upload failure");
        var failed = await app.WaitForOutcomeAsync<TenantProvisioningFailed>(
            await app.ProvisionTenantAsync(failedId, [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]));
        Assert.False(failed.CompensationFailed);
        await app.WaitForStateAsync(failedId, "Failed");

        var (code, output) = await BrokerTests.RunCliAsync("forget", failedId, "--rabbitmq", Broker);
        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains($"Forgot tenant {failedId}", output, StringComparison.Ordinal);
        (code, output) = await BrokerTests.RunCliAsync("status", failedId, "--rabbitmq", Broker);
        Assert.True(code == ExitCodes.NotFound, output);

        var activeId = ProvisioningApp.NewTenantId("keep");
        await app.WaitForOutcomeAsync<TenantProvisioned>(await app.ProvisionTenantAsync(activeId));
        (code, output) = await BrokerTests.RunCliAsync("forget", activeId, "--rabbitmq", Broker);
        Assert.True(code == ExitCodes.Failed, output);
        Assert.Contains("is Active; deprovision it instead", output, StringComparison.Ordinal);
        Assert.Equal("Active", (await app.GetStatusAsync(activeId))!.State);

        (code, output) = await BrokerTests.RunCliAsync("forget", "never-seen", "--rabbitmq", Broker);
        Assert.True(code == ExitCodes.NotFound, output);
    }

    [Fact]
    public async Task Resume_re_sends_the_current_step_of_an_idle_operation_and_waits_for_its_outcome()
    {
        var tenantId = ProvisioningApp.NewTenantId("resume");
        await app.Emulator.DelayNextAsync("scripts.upload", 3000);
        var commandId = await app.ProvisionTenantAsync(tenantId);
        await ProvisioningApp.WaitUntilAsync(async () => (await app.GetStatusAsync(tenantId))?.CurrentCommandId == commandId);

        var (code, output) = await BrokerTests.RunCliAsync("resume", tenantId, "--idle-for", "0", "--rabbitmq", Broker, "--timeout", "60");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Contains($"Resumed ProvisionTenant {commandId}", output, StringComparison.Ordinal);
        Assert.Contains("TenantProvisioned", output, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Events, e => e.MessageTemplate.Text.StartsWith("Re-sending {Step}", StringComparison.Ordinal));

        (code, output) = await BrokerTests.RunCliAsync("resume", tenantId, "--rabbitmq", Broker);
        Assert.True(code == ExitCodes.Failed, output);
        Assert.Contains("runs no operation", output, StringComparison.Ordinal);
    }
}
