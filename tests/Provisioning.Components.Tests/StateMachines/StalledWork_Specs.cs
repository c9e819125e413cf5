using Provisioning.Components.Maintenance;
using Provisioning.Components.Operations;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>
/// The in-memory outbox publishes after the database commit; a crash in between loses the message. These specs write
/// the state such a crash leaves behind straight into the database and let the stalled-work sweeper recover it.
/// </summary>
public sealed class When_a_message_was_lost_after_its_commit
{
    static readonly Dictionary<string, string?> QuickRecovery = new() { ["Provisioning:StalledOperationTimeout"] = "00:00:01" };

    [Fact]
    public async Task Should_send_the_current_step_of_a_silent_operation_again()
    {
        await using var world = await TenantSagaHarness.StartAsync(QuickRecovery);
        var tenant = NewTenantId();
        var command = StoredCommands.Protected(world.Services, Provision(tenant, Kv("CACHE")));
        var longAgo = DateTime.UtcNow.AddMinutes(-10);
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            db.Commands.Add(StoredCommands.Row(command, TenantCommandStatus.Running, longAgo));
            db.ScriptBundles.Add(ScriptBundle.For(command.Script.Modules));
            db.Tenants.Add(new TenantState
            {
                CorrelationId = TenantIds.ToCorrelationId(tenant), TenantId = tenant, CurrentState = nameof(TenantStateMachine.Provisioning),
                DispatchNamespace = "wfp-tenants", ScriptName = tenant, CurrentCommandId = command.CommandId, CurrentOperation = nameof(ProvisionTenant),
                OperationKind = OperationKind.Provision,
                StepPlanJson = StepPlan.Write(StoredCommands.Plan(command)),
                CreatedAt = longAgo, UpdatedAt = longAgo,
            });
            await db.SaveChangesAsync();
        }

        await world.StartHostedServiceAsync<StalledWorkSweeper>();

        var provisioned = Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
        Assert.Equal(["API_KEY", "CACHE", "GREETING"], provisioned.BindingNames);
        Assert.Equal(1, await world.Emulator.CountAsync("scripts.upload"));
    }

    [Fact]
    public async Task Should_announce_a_stored_command_that_its_saga_never_heard_of()
    {
        await using var world = await TenantSagaHarness.StartAsync(QuickRecovery);
        var tenant = NewTenantId();
        var command = StoredCommands.Protected(world.Services, Provision(tenant, Kv("CACHE")));
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            db.Commands.Add(StoredCommands.Row(command, TenantCommandStatus.Queued, DateTime.UtcNow.AddMinutes(-10)));
            await db.SaveChangesAsync();
        }

        await world.StartHostedServiceAsync<StalledWorkSweeper>();

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(command.CommandId));
    }
}
