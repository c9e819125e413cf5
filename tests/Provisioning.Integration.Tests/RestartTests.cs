using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class RestartTests(RestartTests.App app) : IClassFixture<RestartTests.App>
{
    public sealed class App(TestServices services) : ProvisioningApp(services);

    [Fact]
    public async Task A_worker_restarted_in_the_middle_of_a_provisioning_finishes_it()
    {
        var tenantId = ProvisioningApp.NewTenantId("restart");
        await app.Emulator.DelayNextAsync("scripts.upload", 3000);
        await app.ProvisionTenantAsync(tenantId,
        [
            new ResourceSpec { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
            new ResourceSpec { BindingName = "DB", Type = BindingTypes.D1 },
        ]);
        await ProvisioningApp.WaitUntilAsync(async () => (await app.GetFootprintAsync(tenantId)).D1Databases.Count == 1);

        await app.RestartWorkerAsync();

        var status = await app.WaitForStateAsync(tenantId, "Active");
        Assert.Equal(2, status.Bindings.Count);
        var footprint = await app.GetFootprintAsync(tenantId);
        var script = Assert.Single(footprint.Scripts);
        Assert.Single(footprint.KvNamespaces);
        Assert.Single(footprint.D1Databases);
        Assert.Equal(2, script.Bindings.Count);
    }
}
