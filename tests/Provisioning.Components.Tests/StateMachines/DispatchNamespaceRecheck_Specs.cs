using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class When_tenants_are_provisioned_into_one_dispatch_namespace
{
    [Fact]
    public async Task Should_look_the_namespace_up_once_within_the_recheck_interval()
    {
        await using var world = await TenantSagaHarness.StartAsync();

        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId()));
        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId()));

        Assert.Equal(1, await world.Emulator.CountAsync("dispatch.namespaces.get"));
    }

    [Fact]
    public async Task Should_look_it_up_once_for_provisions_that_start_together()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        // The first lookup is slow, so the other provisions' steps start while it runs.
        await world.Emulator.DelayAsync("dispatch.namespaces.get", 1500);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => world.RunAsync<TenantProvisioned>(Provision(NewTenantId()))));

        Assert.Equal(1, await world.Emulator.CountAsync("dispatch.namespaces.get"));
        Assert.Equal(1, await world.Emulator.CountAsync("dispatch.namespaces.create"));
    }

    [Fact]
    public async Task Should_look_it_up_for_every_provision_when_the_interval_is_zero()
    {
        await using var world = await TenantSagaHarness.StartAsync(new() { ["Provisioning:DispatchNamespaceRecheckInterval"] = "00:00:00" });

        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId()));
        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId()));

        Assert.Equal(2, await world.Emulator.CountAsync("dispatch.namespaces.get"));
    }

    [Fact]
    public async Task Should_create_again_a_namespace_deleted_within_the_interval_when_the_next_script_is_uploaded()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        await world.RunAsync<TenantProvisioned>(Provision(NewTenantId()));
        await world.Cloudflare.DispatchNamespaces.DeleteAsync("wfp-tenants", CancellationToken.None);
        var tenant = NewTenantId();

        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        Assert.Equal("wfp-tenants", (await world.Cloudflare.DispatchNamespaces.GetAsync("wfp-tenants", CancellationToken.None)).NamespaceName);
        Assert.NotNull(await world.ScriptAsync(tenant));
        Assert.Equal(3, (await world.ResourcesAsync(tenant)).Count);
    }
}
