using Provisioning.Components.Steps;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>Deprovisioning is background work for the shared request budget; what a customer waits for is not.</summary>
public sealed class When_a_tenant_is_provisioned_then_deprovisioned
{
    [Fact]
    public async Task Should_send_only_the_deprovision_steps_as_background_work()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var provision = Provision(tenant, Kv("CACHE"));
        var deprovision = Deprovision(tenant);

        await world.RunAsync<TenantProvisioned>(provision);
        await world.RunAsync<TenantDeprovisioned>(deprovision);

        var steps = world.Harness.Published.Select(x => x.MessageObject is TenantStep step && step.TenantId == tenant)
            .Select(x => (TenantStep)x.MessageObject).ToList();
        var provisionSteps = steps.Where(x => x.CommandId == provision.CommandId).ToList();
        Assert.Equal(["CreateResources", "UploadScript"], provisionSteps.Select(x => x.Name));
        Assert.All(provisionSteps, x => Assert.False(x.Background));
        Assert.Equal(["DeleteScript", "DeleteResources"], steps.Where(x => x.CommandId == deprovision.CommandId && x.Background).Select(x => x.Name));
    }
}
