using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioning.Cloudflare;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Tests.Outbox;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

/// <summary>
/// A step waiting for an exhausted Cloudflare API budget shows in the tenant's status. The budget is tiny: 3 requests
/// per 4 s with a burst of 1, so after the first request every one waits 2 s, past the 1 s threshold.
/// </summary>
public sealed class When_a_provision_waits_for_the_request_Budget
{
    static readonly Dictionary<string, string?> TinyBudget = new()
    {
        ["Cloudflare:RequestBudget"] = "3",
        ["Cloudflare:RequestBudgetWindow"] = "00:00:04",
        ["Cloudflare:RequestBudgetWindowPadding"] = "00:00:00",
    };

    [Fact]
    public async Task Should_show_the_wait_in_the_tenant_status_until_the_step_proceeds()
    {
        await using var world = await TenantSagaHarness.StartAsync(TinyBudget, testTimeout: TimeSpan.FromSeconds(90));
        var tenant = NewTenantId();
        var provision = Provision(tenant, Kv("CACHE"));

        await world.Harness.Bus.Publish(provision);
        TenantStatus? waiting = null;
        await world.WaitUntilAsync(async () => (waiting = await StatusAsync(world, tenant))?.BudgetWaitSince is not null);

        Assert.Equal(nameof(ProvisionTenant), waiting!.CurrentOperation);
        Assert.Equal(nameof(RequestPriority.Foreground), waiting.BudgetWaitPriority);
        Assert.InRange(waiting.BudgetWaitSince!.Value, DateTime.UtcNow.AddSeconds(-30), DateTime.UtcNow);
        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(provision.CommandId));
        // Every request after the first waited, the last step's too: its own end of wait cleared the row.
        Assert.Null((await world.TenantAsync(tenant)).BudgetWaitSince);
        Assert.Null((await StatusAsync(world, tenant))!.BudgetWaitSince);
    }

    static async Task<TenantStatus?> StatusAsync(TenantSagaHarness world, string tenant)
    {
        var response = await world.Harness.GetRequestClient<GetTenantStatus>()
            .GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = tenant });
        return response.Is(out MassTransit.Response<TenantStatus>? status) ? status.Message : null;
    }
}

/// <summary>
/// A step that waits for the budget longer than <c>StalledOperationTimeout</c> keeps its heartbeat fresh, so the
/// stalled-work sweep does not send it again. 2 requests per 5 s with a burst of 1: every request after the first waits
/// 5 s, past the 3 s timeout; the sweep runs every 200 ms.
/// </summary>
public sealed class When_a_step_waits_for_the_Budget_longer_than_the_stall_timeout
{
    static readonly Dictionary<string, string?> SlowBudget = new()
    {
        ["Cloudflare:RequestBudget"] = "2",
        ["Cloudflare:RequestBudgetWindow"] = "00:00:05",
        ["Cloudflare:RequestBudgetWindowPadding"] = "00:00:00",
        ["Provisioning:StalledOperationTimeout"] = "00:00:03",
        ["Provisioning:BudgetWaitHeartbeatInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Should_not_send_the_waiting_step_again()
    {
        await using var world = await TenantSagaHarness.StartAsync(SlowBudget, testTimeout: TimeSpan.FromSeconds(120));
        await world.StartHostedServiceAsync<Provisioning.Components.Maintenance.StalledWorkSweeper>();
        var tenant = NewTenantId();
        var provision = Provision(tenant, Kv("CACHE"));

        Assert.IsType<TenantProvisioned>(await world.RunAsync(provision));

        Assert.False(world.Harness.Published.Select<ResumeTenantOperation>(x => x.Context.Message.CorrelationId == TenantIds.ToCorrelationId(tenant)).Any());
        Assert.Equal(1, await world.Emulator.CountAsync("kv.create"));
    }
}

/// <summary>A wait recorded by a replica that died waiting is cleared by the saga, which nothing else would do.</summary>
public sealed class When_a_replica_died_waiting_for_the_Budget
{
    [Fact]
    public async Task Should_clear_a_wait_left_by_a_replica_that_died_when_the_saga_sends_a_step()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant, Kv("CACHE")));
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            await db.Tenants.Where(x => x.TenantId == tenant).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.BudgetWaitSince, DateTime.UtcNow.AddMinutes(-5)).SetProperty(x => x.BudgetWaitPriority, "Foreground"));
        }

        await world.RunAsync<ScriptDeployed>(Deploy(tenant, "v2"));

        var saga = await world.TenantAsync(tenant);
        Assert.Equal((null, null), (saga.BudgetWaitSince, saga.BudgetWaitPriority));
    }
}

/// <summary><see cref="StepBudgetWaits"/> on a saga row: one write when a wait starts, one when it ends, one log line per wait.</summary>
public sealed class When_a_step_observes_its_Budget_waits
{
    static readonly RequestBudgetWaitNotice Notice = new(
        new DateTimeOffset(2026, 11, 29, 5, 12, 3, TimeSpan.Zero), RequestPriority.Background, "POST", "accounts/{account_id}/storage/kv/namespaces");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Should_record_overlapping_waits_once_and_clear_them_when_the_last_ends(DatabaseProvider provider)
    {
        await using var world = await TenantSagaHarness.StartAsync(provider: provider);
        var (step, logger) = await RunningStepAsync(world);
        using var waits = new StepBudgetWaits(Context(world, logger), step);

        await waits.WaitStartedAsync(Notice, CancellationToken.None);
        var first = await world.TenantAsync(step.TenantId);
        await waits.WaitStartedAsync(Notice with { Since = Notice.Since.AddSeconds(5) }, CancellationToken.None);
        Assert.Equal(Notice.Since.UtcDateTime, (await world.TenantAsync(step.TenantId)).BudgetWaitSince);
        await waits.WaitEndedAsync(Notice, TimeSpan.FromSeconds(14), CancellationToken.None);
        var oneLeft = await world.TenantAsync(step.TenantId);
        await waits.WaitEndedAsync(Notice, TimeSpan.FromSeconds(9), CancellationToken.None);
        var none = await world.TenantAsync(step.TenantId);

        Assert.Equal((Notice.Since.UtcDateTime, "Background"), (first.BudgetWaitSince, first.BudgetWaitPriority));
        Assert.Equal(first.Version, none.Version);   // the saga's concurrency token is left alone
        Assert.NotNull(oneLeft.BudgetWaitSince);
        Assert.Equal((null, null), (none.BudgetWaitSince, none.BudgetWaitPriority));
        Assert.Equal(2, logger.Messages.Count(x => x.Contains("waited", StringComparison.Ordinal)));
        Assert.Contains(logger.Messages, x => x.Contains("CreateResource of ProvisionTenant for tenant", StringComparison.Ordinal)
            && x.Contains("waited 14.0 s for the Cloudflare API budget (Background, POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refresh_the_heartbeat_every_interval_while_it_waits_and_stop_when_the_wait_ends()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var (step, logger) = await RunningStepAsync(world);
        var clock = new FakeTimeProvider(Notice.Since.AddSeconds(1));
        var interval = world.Services.GetRequiredService<IOptions<ProvisioningOptions>>().Value.BudgetWaitHeartbeatInterval;
        using var waits = new StepBudgetWaits(Context(world, logger, clock), step);

        await waits.WaitStartedAsync(Notice, CancellationToken.None);
        var started = await HeartbeatAsync();
        clock.Advance(interval);
        await world.WaitUntilAsync(async () => await HeartbeatAsync() == clock.GetUtcNow().UtcDateTime);
        clock.Advance(interval);
        await world.WaitUntilAsync(async () => await HeartbeatAsync() == clock.GetUtcNow().UtcDateTime);
        clock.Advance(TimeSpan.FromSeconds(5));
        await waits.WaitEndedAsync(Notice, TimeSpan.FromMinutes(2), CancellationToken.None);
        var ended = await HeartbeatAsync();
        clock.Advance(interval * 3);
        await Task.Delay(200);

        Assert.Equal(clock.Start.UtcDateTime, started);
        Assert.Equal(clock.Start.UtcDateTime + (2 * interval) + TimeSpan.FromSeconds(5), ended);
        Assert.Equal(ended, await HeartbeatAsync());   // no beat once the wait ended

        async Task<DateTime?> HeartbeatAsync() => (await world.TenantAsync(step.TenantId)).BudgetWaitHeartbeat;
    }

    [Fact]
    public async Task Should_not_mark_a_tenant_whose_saga_runs_another_command()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var (step, logger) = await RunningStepAsync(world);
        using var waits = new StepBudgetWaits(Context(world, logger), step with { CommandId = Guid.NewGuid() });

        await waits.WaitStartedAsync(Notice, CancellationToken.None);

        Assert.Null((await world.TenantAsync(step.TenantId)).BudgetWaitSince);
    }

    [Fact]
    public async Task Should_show_in_the_status_and_the_tenant_list_while_the_operation_runs()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var (step, logger) = await RunningStepAsync(world);
        using var waits = new StepBudgetWaits(Context(world, logger), step);
        await waits.WaitStartedAsync(Notice, CancellationToken.None);

        var status = await world.Harness.GetRequestClient<GetTenantStatus>().GetResponse<TenantStatus>(new GetTenantStatus { TenantId = step.TenantId });
        var list = await world.Harness.GetRequestClient<ListTenants>().GetResponse<TenantList>(new ListTenants());
        Assert.Equal((Notice.Since.UtcDateTime, "Background"), (status.Message.BudgetWaitSince, status.Message.BudgetWaitPriority));
        Assert.Equal(Notice.Since.UtcDateTime, list.Message.Tenants.Single(x => x.TenantId == step.TenantId).BudgetWaitSince);

        // Left behind by a replica that died waiting, after the operation ended some other way: not shown.
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            await db.Tenants.Where(x => x.TenantId == step.TenantId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.CurrentCommandId, (Guid?)null).SetProperty(x => x.CurrentOperation, (string?)null));
        }

        status = await world.Harness.GetRequestClient<GetTenantStatus>().GetResponse<TenantStatus>(new GetTenantStatus { TenantId = step.TenantId });
        list = await world.Harness.GetRequestClient<ListTenants>().GetResponse<TenantList>(new ListTenants());
        Assert.Null(status.Message.BudgetWaitSince);
        Assert.Null(list.Message.Tenants.Single(x => x.TenantId == step.TenantId).BudgetWaitSince);
    }

    static async Task<(TenantStep Step, RecordingLogger<StepContext> Logger)> RunningStepAsync(TenantSagaHarness world)
    {
        var tenant = NewTenantId();
        var saga = new TenantState
        {
            CorrelationId = TenantIds.ToCorrelationId(tenant), TenantId = tenant, CurrentState = nameof(TenantStateMachine.Provisioning),
            CurrentCommandId = Guid.NewGuid(), CurrentOperation = nameof(ProvisionTenant), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        await using (var db = await world.Contexts.CreateDbContextAsync())
        {
            db.Tenants.Add(saga);
            await db.SaveChangesAsync();
        }

        TenantStep step = new CreateResource { TenantId = tenant, CorrelationId = saga.CorrelationId, CommandId = saga.CurrentCommandId.Value };
        return (step, new RecordingLogger<StepContext>());
    }

    static StepContext Context(TenantSagaHarness world, RecordingLogger<StepContext> logger, TimeProvider? time = null) => new(
        logger, world.Services.GetRequiredService<ProvisioningMetrics>(), world.Services.GetRequiredService<IOptions<ProvisioningOptions>>(),
        world.Services.GetRequiredService<IOptions<CloudflareOptions>>(), time ?? TimeProvider.System, world.Contexts);
}
