using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>The production database: the same lifecycle on PostgreSQL (WFP_TEST_POSTGRES, see PostgresTestServer).</summary>
public sealed class When_the_saga_runs_on_PostgreSQL
{
    [Fact]
    public async Task Should_run_queued_commands_in_order_and_compensate_a_failure()
    {
        await using var world = await TenantSagaHarness.StartAsync(provider: DatabaseProvider.Postgres);
        var tenant = NewTenantId();
        var provision = Provision(tenant);
        var attach = Attach(tenant, Kv("SESSIONS"));
        var deploy = Deploy(tenant, "v2");

        await world.Harness.Bus.Publish(provision);
        await world.Harness.Bus.Publish(attach);
        await world.Harness.Bus.Publish(deploy);

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(provision.CommandId));
        Assert.IsType<BindingAttached>(await world.OutcomeAsync(attach.CommandId));
        Assert.IsType<ScriptDeployed>(await world.OutcomeAsync(deploy.CommandId));
        Assert.True((await world.CommandAsync(provision.CommandId)).EndedAt <= (await world.CommandAsync(attach.CommandId)).StartedAt);

        await world.Emulator.FailAsync("scripts.settings.patch", status: 400, code: 10021, count: 1);
        var failed = await world.RunAsync<BindingAttachFailed>(Attach(tenant, D1("EXTRA")));

        Assert.Equal([$"wfp-{tenant}-extra"], failed.Compensated.Select(x => x.Name));
        Assert.Equal(4, (await world.ResourcesAsync(tenant)).Count);
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }
}
