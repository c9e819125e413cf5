using System.Diagnostics;
using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

/// <summary>
/// A step waiting out a Cloudflare outage holds its RabbitMQ delivery: stopping the worker must end the wait (not hold
/// the shutdown for the patience) and the unacknowledged step must be redelivered, so the tenant still gets provisioned.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class OutageTests(OutageTests.App app) : IClassFixture<OutageTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    [Fact]
    public async Task A_worker_stopped_while_a_step_waits_out_an_outage_stops_promptly_and_the_step_is_redelivered()
    {
        var tenantId = ProvisioningApp.NewTenantId("outage");
        await app.Emulator.FailNextAsync("scripts.upload", 503, 10002, "injected outage", count: 100_000);
        try
        {
            await app.ProvisionTenantAsync(tenantId, [new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace }]);
            await ProvisioningApp.WaitUntilAsync(() => Task.FromResult(app.Logs.Events.Any(e =>
                e.MessageTemplate.Text.Contains("waiting out a Cloudflare outage", StringComparison.Ordinal)
                && e.Properties.TryGetValue("TenantId", out var id) && id.ToString() == $"\"{tenantId}\"")));

            var restart = Stopwatch.StartNew();
            await app.RestartWorkerAsync();

            // The patience is 15 minutes; the stop gives in-flight consumers 10 s (ConsumerStopTimeout), then cancels them.
            Assert.True(restart.Elapsed < TimeSpan.FromSeconds(45), $"the restart took {restart.Elapsed}");
        }
        finally
        {
            await app.Emulator.ClearFaultsAsync();
        }

        await app.WaitForStateAsync(tenantId, "Active");
        var footprint = await app.GetFootprintAsync(tenantId);
        Assert.Single(footprint.Scripts);
        Assert.Single(footprint.KvNamespaces);
    }
}
