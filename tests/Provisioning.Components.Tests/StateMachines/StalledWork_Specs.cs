using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>
/// The stalled-work sweep and a step's budget-wait heartbeat: a fresh heartbeat means the step is alive, waiting for the
/// Cloudflare API budget; a stale one means its replica died waiting, and the operation is resumed as any other.
/// </summary>
public sealed class When_a_silent_operation_waits_for_the_Budget
{
    static readonly Dictionary<string, string?> Settings = new()
    {
        ["Provisioning:StalledOperationTimeout"] = "00:05:00",
        ["Provisioning:BudgetWaitHeartbeatInterval"] = "00:01:00",
        ["Provisioning:ParkedCommandSweepInterval"] = "01:00:00",   // the test runs the sweep, not the timer
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Should_resume_it_only_once_its_heartbeat_is_stale(DatabaseProvider provider)
    {
        await using var world = await TenantSagaHarness.StartAsync(Settings, provider);
        var now = DateTime.UtcNow;
        var alive = await SilentOperationAsync(world, heartbeat: now.AddSeconds(-30));
        var dead = await SilentOperationAsync(world, heartbeat: now.AddMinutes(-3));
        var neverWaited = await SilentOperationAsync(world, heartbeat: null);

        await world.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StalledWorkSweeper>().Single()
            .SweepAsync(CancellationToken.None);

        var resumed = world.Harness.Published.Select<ResumeTenantOperation>().Select(x => x.Context.Message.CorrelationId).ToHashSet();
        Assert.DoesNotContain(alive, resumed);
        Assert.Contains(dead, resumed);
        Assert.Contains(neverWaited, resumed);
    }

    static async Task<Guid> SilentOperationAsync(TenantSagaHarness world, DateTime? heartbeat)
    {
        var tenant = NewTenantId();
        var longAgo = DateTime.UtcNow.AddMinutes(-20);
        await using var db = await world.Contexts.CreateDbContextAsync();
        db.Tenants.Add(new TenantState
        {
            CorrelationId = TenantIds.ToCorrelationId(tenant), TenantId = tenant, CurrentState = nameof(TenantStateMachine.Provisioning),
            CurrentCommandId = Guid.NewGuid(), CurrentOperation = nameof(ProvisionTenant), CreatedAt = longAgo, UpdatedAt = longAgo,
            BudgetWaitSince = heartbeat is null ? null : longAgo, BudgetWaitPriority = heartbeat is null ? null : "Foreground", BudgetWaitHeartbeat = heartbeat,
        });
        await db.SaveChangesAsync();
        return TenantIds.ToCorrelationId(tenant);
    }
}
