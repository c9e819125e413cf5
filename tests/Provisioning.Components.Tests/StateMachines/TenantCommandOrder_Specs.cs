using MassTransit;
using Microsoft.EntityFrameworkCore;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Persistence;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class When_commands_for_one_tenant_arrive_together
{
    [Fact]
    public async Task Should_run_them_one_after_the_other_in_sender_order()
    {
        await using var world = await TenantSagaHarness.StartAsync();
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
        var rows = new[] { await world.CommandAsync(provision.CommandId), await world.CommandAsync(attach.CommandId), await world.CommandAsync(deploy.CommandId) };
        Assert.True(rows[0].EndedAt <= rows[1].StartedAt, "AttachBinding started before ProvisionTenant ended");
        Assert.True(rows[1].EndedAt <= rows[2].StartedAt, "DeployScript started before AttachBinding ended");
        Assert.Equal(6, (await world.ScriptAsync(tenant))!.Bindings.Count);
    }

    [Fact]
    public async Task Should_run_a_command_parked_before_its_provision_after_it()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var attach = Attach(tenant, Kv("SESSIONS"));
        await world.Harness.Bus.Publish(attach);
        await world.WaitUntilAsync(async () => (await world.FindCommandAsync(attach.CommandId))?.Status == TenantCommandStatus.Parked);

        var provision = Provision(tenant);
        await world.Harness.Bus.Publish(provision);

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(provision.CommandId));
        Assert.IsType<BindingAttached>(await world.OutcomeAsync(attach.CommandId));
        Assert.True((await world.CommandAsync(provision.CommandId)).EndedAt <= (await world.CommandAsync(attach.CommandId)).StartedAt);
    }

    [Fact]
    public async Task Should_find_its_provision_behind_more_parked_commands_than_one_page_holds()
    {
        // 205 commands parked, then rejected one transition each: the harness's 30 s for the whole test is short for
        // that on a loaded 2-core machine (one timeout in 3 runs), so this test gets 2 minutes.
        await using var world = await TenantSagaHarness.StartAsync(testTimeout: TimeSpan.FromMinutes(2));
        var tenant = NewTenantId();
        // Detaching a binding the tenant will not have: parked now, rejected at once when the tenant exists.
        var parked = Enumerable.Range(0, TenantJournal.WaitingPageSize + 5).Select(i => Detach(tenant, $"NOPE_{i}", deleteResource: false)).ToList();
        foreach (var detach in parked)
        {
            await world.Harness.Bus.Publish(detach);
        }

        await world.WaitUntilAsync(async () =>
        {
            await using var db = await world.Contexts.CreateDbContextAsync();
            return await db.Commands.CountAsync(x => x.TenantId == tenant && x.Status == TenantCommandStatus.Parked) == parked.Count;
        });

        var provision = Provision(tenant);
        await world.Harness.Bus.Publish(provision);

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(provision.CommandId));
        Assert.IsType<CommandRejected>(await world.OutcomeAsync(parked[^1].CommandId));
        Assert.IsType<CommandRejected>(await world.OutcomeAsync(parked[0].CommandId));
    }

    [Fact]
    public async Task Should_run_a_provision_sent_first_but_delivered_last_before_the_others()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var provision = Provision(tenant);
        var attach = Attach(tenant, Kv("SESSIONS"));

        // The in-memory transport honours Delay: the provision keeps its earlier SentTime but arrives after the attach.
        await world.Harness.Bus.Publish(provision, x => x.Delay = TimeSpan.FromSeconds(1));
        await world.Harness.Bus.Publish(attach);

        Assert.IsType<TenantProvisioned>(await world.OutcomeAsync(provision.CommandId));
        Assert.IsType<BindingAttached>(await world.OutcomeAsync(attach.CommandId));
        var (provisionRow, attachRow) = (await world.CommandAsync(provision.CommandId), await world.CommandAsync(attach.CommandId));
        Assert.True(attachRow.ReceivedAt < provisionRow.ReceivedAt, "the attach was meant to arrive first");
        Assert.True(provisionRow.EndedAt <= attachRow.StartedAt);
    }

    [Fact]
    public async Task Should_reject_a_parked_command_when_its_tenant_never_comes()
    {
        await using var world = await TenantSagaHarness.StartAsync(new() { ["Provisioning:UnknownTenantGrace"] = "00:00:01" });
        await world.StartSweeperAsync();
        var tenant = NewTenantId();

        var rejected = await world.RunAsync<CommandRejected>(Deploy(tenant, "v2"));

        Assert.Equal($"tenant '{tenant}' does not exist", rejected.Reason);
        Assert.Equal(TenantCommandStatus.Rejected, (await world.FindCommandAsync(rejected.CommandId))!.Status);
    }

    [Fact]
    public async Task Should_reject_a_second_provision_of_an_existing_tenant()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        var rejected = await world.RunAsync<CommandRejected>(Provision(tenant));

        Assert.Contains("already exists", rejected.Reason, StringComparison.Ordinal);
    }
}

public sealed class When_a_command_is_repeated
{
    [Fact]
    public async Task Should_publish_the_same_outcome_without_calling_cloudflare_again()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var command = Provision(tenant);
        var first = await world.RunAsync<TenantProvisioned>(command);
        var uploads = await world.Emulator.CountAsync("scripts.upload");

        await world.Harness.Bus.Publish(command);
        await world.WaitUntilAsync(() => Task.FromResult(
            world.Harness.Published.Select<TenantProvisioned>(x => x.Context.Message.CommandId == command.CommandId).Count() == 2));

        var outcomes = world.Harness.Published.Select<TenantProvisioned>(x => x.Context.Message.CommandId == command.CommandId).ToList();
        Assert.Equal(first.Resources, outcomes[1].Context.Message.Resources);
        Assert.Equal(1, uploads);
        Assert.Equal(1, await world.Emulator.CountAsync("scripts.upload"));
        Assert.Equal(1, await world.Emulator.CountAsync("kv.create"));
    }
}

public sealed class When_a_tenant_is_queried
{
    [Fact]
    public async Task Should_report_its_state_bindings_resources_and_commands()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var command = Provision(tenant);
        await world.RunAsync<TenantProvisioned>(command);

        var response = await world.Harness.GetRequestClient<GetTenantStatus>()
            .GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = tenant });

        Assert.True(response.Is(out Response<TenantStatus>? found));
        var status = found!.Message;
        Assert.Equal("Active", status.State);
        Assert.Equal(["API_KEY", "CACHE", "DB", "FILES", "GREETING"], status.Bindings.Select(x => x.Name));
        Assert.Equal($"wfp-{tenant}-cache", status.Bindings.Single(x => x.Name == "CACHE").ResourceName);
        Assert.Equal(3, status.Resources.Count);
        Assert.Equal(command.CommandId, Assert.Single(status.RecentCommands).CommandId);
    }

    [Fact]
    public async Task Should_answer_not_found_for_an_unknown_tenant()
    {
        await using var world = await TenantSagaHarness.StartAsync();

        var response = await world.Harness.GetRequestClient<GetTenantStatus>()
            .GetResponse<TenantStatus, TenantNotFound>(new GetTenantStatus { TenantId = "nobody" });

        Assert.True(response.Is(out Response<TenantNotFound>? _));
    }

    [Fact]
    public async Task Should_list_tenants_by_state()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var active = NewTenantId();
        var failed = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(active));
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: 1);
        await world.RunAsync<TenantProvisioningFailed>(Provision(failed));

        var all = await world.Harness.GetRequestClient<ListTenants>().GetResponse<TenantList>(new ListTenants());
        var onlyActive = await world.Harness.GetRequestClient<ListTenants>().GetResponse<TenantList>(new ListTenants { State = "Active" });

        Assert.Equal(new[] { active, failed }.Order(StringComparer.Ordinal), all.Message.Tenants.Select(x => x.TenantId));
        Assert.Equal([active], onlyActive.Message.Tenants.Select(x => x.TenantId));
    }
}
