using Provisioning.Contracts;
using Provisioning.Integration.Tests.Infrastructure;

namespace Provisioning.Integration.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class ScaleOutTests(ScaleOutTests.App app) : IClassFixture<ScaleOutTests.App>
{
    /// <summary>Two worker instances on one broker vhost and one database, like two compose replicas.</summary>
    public sealed class App(TestServices services) : ProvisioningApp(services)
    {
        protected override int WorkerCount => 2;
    }

    [Fact]
    public async Task Two_workers_provision_different_tenants_concurrently_without_conflict()
    {
        var tenants = Enumerable.Range(0, 6).Select(i => ProvisioningApp.NewTenantId($"scale{i}")).ToList();
        ResourceSpec[] resources =
        [
            new() { BindingName = "CACHE", Type = BindingTypes.KvNamespace },
            new() { BindingName = "DB", Type = BindingTypes.D1 },
        ];

        var commandIds = await Task.WhenAll(tenants.Select((tenantId, i) =>
            app.ProvisionTenantAsync(tenantId, resources, via: app.Workers[i % 2])));
        var outcomes = await Task.WhenAll(commandIds.Select(app.WaitForOutcomeAsync<TenantProvisioned>));

        Assert.Equal(tenants, outcomes.Select(o => o.TenantId));
        foreach (var tenantId in tenants)
        {
            var footprint = await app.GetFootprintAsync(tenantId);
            var script = Assert.Single(footprint.Scripts);
            Assert.Single(footprint.KvNamespaces);
            Assert.Single(footprint.D1Databases);
            Assert.Equal(2, script.Bindings.Count);
        }
    }
}
