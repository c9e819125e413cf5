using MassTransit;
using Provisioning.Components.Steps;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class When_a_tenant_is_provisioned
{
    [Fact]
    public async Task Should_bind_exactly_its_resources_variable_and_secret()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var command = Provision(tenant);

        var provisioned = await world.RunAsync<TenantProvisioned>(command);

        Assert.Equal("wfp-tenants", provisioned.DispatchNamespace);
        Assert.Equal(tenant, provisioned.ScriptName);
        Assert.Equal(["API_KEY", "CACHE", "DB", "FILES", "GREETING"], provisioned.BindingNames);
        var script = await world.ScriptAsync(tenant);
        Assert.NotNull(script);
        Assert.Equal(["API_KEY", "CACHE", "DB", "FILES", "GREETING"], script.Bindings.Select(x => (string)x["name"]!).Order(StringComparer.Ordinal));
        Assert.Contains("API_KEY", script.SecretNames);
        var ledger = await world.LedgerAsync(tenant);
        Assert.Equal(3, ledger.Count);
        Assert.All(ledger, x => Assert.Equal(OwnedResourceState.Created, x.State));
        var kv = ledger.Single(x => x.ResourceType == BindingTypes.KvNamespace);
        Assert.Equal(kv.CloudflareId, (string)script.Bindings.Single(x => (string)x["name"]! == "CACHE")["namespace_id"]!);
        Assert.Equal([$"wfp-{tenant}-cache", $"wfp-{tenant}-db", $"wfp-{tenant}-files"], await world.ResourcesAsync(tenant));
    }

    [Fact]
    public async Task Should_end_active_with_the_outcome_stored_and_the_secret_scrubbed()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var command = Provision(tenant);

        await world.RunAsync<TenantProvisioned>(command);

        var state = await world.TenantAsync(tenant);
        Assert.Equal(nameof(TenantStateMachine.Active), state.CurrentState);
        Assert.Null(state.CurrentCommandId);
        var stored = await world.CommandAsync(command.CommandId);
        Assert.Equal(TenantCommandStatus.Succeeded, stored.Status);
        Assert.Equal(nameof(TenantProvisioned), stored.OutcomeType);
        Assert.DoesNotContain(Secret, stored.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("API_KEY", stored.PayloadJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dispatch.namespaces.get")]
    [InlineData("kv.create")]
    [InlineData("d1.create")]
    [InlineData("r2.create")]
    [InlineData("scripts.upload")]
    [InlineData("scripts.bindings.get")]
    public async Task Should_retry_a_step_that_fails_transiently(string operation)
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync(operation, status: 500, count: 1);

        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        Assert.Equal(2, await world.Emulator.CountAsync(operation));
        Assert.Equal(3, (await world.ResourcesAsync(tenant)).Count);
    }

    [Fact]
    public async Task Should_fail_and_compensate_once_the_outage_patience_is_spent()
    {
        await using var world = await TenantSagaHarness.StartAsync(new() { ["Cloudflare:OutagePatience"] = "00:00:01.500" });
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("r2.create", status: 503, count: null);

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        Assert.Equal("CreateResources", failed.FailedStep);
        Assert.Equal(10002, failed.ErrorCode);
        Assert.Contains("Cloudflare:OutagePatience (00:00:01.5000000)", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Injected fault", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.True(await world.Emulator.CountAsync("r2.create") > 3, "the step gave up before its patience was spent");
        // The step ran again and again for R2; the KV namespace and D1 database it had created were not asked for again.
        Assert.Equal(1, await world.Emulator.CountAsync("kv.create"));
        Assert.Equal(1, await world.Emulator.CountAsync("d1.create"));
        Assert.False(failed.CompensationFailed);
        Assert.Empty(await world.ResourcesAsync(tenant));
    }

    [Fact]
    public async Task Should_create_its_resources_side_by_side_and_delete_those_that_succeeded_when_one_fails()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("d1.create", status: 400, code: 7400, count: null, message: "bad location");

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        // One after another, the D1 failure would have stopped the step before the R2 bucket; side by side, both others ran.
        Assert.Equal("CreateResources", failed.FailedStep);
        Assert.Equal(7400, failed.ErrorCode);
        Assert.Equal(1, await world.Emulator.CountAsync("kv.create"));
        Assert.Equal(1, await world.Emulator.CountAsync("r2.create"));
        Assert.Equal([$"wfp-{tenant}-cache", $"wfp-{tenant}-files"], failed.Compensated.Select(x => x.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await world.ResourcesAsync(tenant));
        Assert.Equal(0, await world.Emulator.CountAsync("scripts.upload"));
    }

    [Fact]
    public async Task Should_fail_at_once_when_one_create_fails_for_good_while_another_waits_out_an_outage()
    {
        // The default patience (15 min) is far beyond the harness's limit: waiting it out would fail this spec.
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("kv.create", status: 503, count: null);
        await world.Emulator.FailAsync("r2.create", status: 400, code: 10004, count: null, message: "bucket name rejected");

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        Assert.Equal(10004, failed.ErrorCode);
        Assert.Contains("bucket name rejected", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.False(failed.CompensationFailed);
        Assert.Empty(await world.ResourcesAsync(tenant));
    }

    [Fact]
    public async Task Should_ignore_a_late_result_of_a_finished_step()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var command = Provision(tenant);
        await world.RunAsync<TenantProvisioned>(command);
        var late = new TenantStepCompleted { CorrelationId = TenantIds.ToCorrelationId(tenant), CommandId = command.CommandId, Step = "UploadScript", StepIndex = 4 };

        await world.Harness.Bus.Publish(late);

        Assert.True(await world.Harness.Consumed.Any<TenantStepCompleted>(x => x.Context.Message == late));
        Assert.False(await world.Harness.Published.Any<Fault<TenantStepCompleted>>());
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
        Assert.Single(world.Harness.Published.Select<TenantProvisioned>(x => x.Context.Message.CommandId == command.CommandId));
    }
}

public sealed class When_the_upload_fails_permanently
{
    [Fact]
    public async Task Should_compensate_every_resource_it_created()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: null, message: "bad metadata");

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        Assert.Equal("UploadScript", failed.FailedStep);
        Assert.Equal(10021, failed.ErrorCode);
        Assert.Contains("bad metadata", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.False(failed.CompensationFailed);
        Assert.Equal([$"wfp-{tenant}-cache", $"wfp-{tenant}-db", $"wfp-{tenant}-files"], failed.Compensated.Select(x => x.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await world.ResourcesAsync(tenant));
        Assert.Null(await world.ScriptAsync(tenant));
        Assert.Equal(nameof(TenantStateMachine.Failed), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_let_a_new_provision_start_again()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: 1);
        await world.RunAsync<TenantProvisioningFailed>(Provision(tenant));

        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        Assert.Equal(3, (await world.ResourcesAsync(tenant)).Count);
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_keep_a_resource_that_existed_before()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var existing = await world.Cloudflare.KvNamespaces.CreateAsync($"wfp-{tenant}-cache", CancellationToken.None);
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: null);

        var failed = await world.RunAsync<TenantProvisioningFailed>(Provision(tenant, Kv("CACHE"), D1("DB")));

        Assert.Equal([$"wfp-{tenant}-db"], failed.Compensated.Select(x => x.Name));
        Assert.Equal([$"wfp-{tenant}-cache"], await world.ResourcesAsync(tenant));
        var adopted = (await world.LedgerAsync(tenant)).Single(x => x.ResourceType == BindingTypes.KvNamespace);
        Assert.True(adopted.Adopted);
        Assert.Equal(existing.Id, adopted.CloudflareId);
    }
}

public sealed class When_compensation_fails
{
    [Fact]
    public async Task Should_wait_in_CompensationFailed_until_an_operator_retries()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.Emulator.FailAsync("scripts.upload", status: 400, code: 10021, count: null);
        await world.Emulator.FailAsync("kv.delete", status: 403, code: 10000, count: null, message: "token lacks kv write");
        var command = Provision(tenant, Kv("CACHE"), D1("DB"));

        var failed = await world.RunAsync<TenantProvisioningFailed>(command);

        Assert.True(failed.CompensationFailed);
        var state = await world.TenantAsync(tenant);
        Assert.Equal(nameof(TenantStateMachine.CompensationFailed), state.CurrentState);
        Assert.True(state.CompensationFailed);
        Assert.Equal(2, state.CompensationIndex);   // DeleteScript (nothing uploaded: done), DeleteResource DB, then the KV delete failed
        Assert.Equal([$"wfp-{tenant}-cache"], await world.ResourcesAsync(tenant));

        await world.Emulator.ClearFaultsAsync();
        await world.Harness.Bus.Publish(new RetryCompensation { TenantId = tenant });
        var compensated = Assert.IsType<TenantProvisioningFailed>(
            await world.OutcomeAsync(command.CommandId, x => x is TenantProvisioningFailed { CompensationFailed: false }));

        Assert.Equal([$"wfp-{tenant}-cache", $"wfp-{tenant}-db"], compensated.Compensated.Select(x => x.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await world.ResourcesAsync(tenant));
        Assert.Equal(nameof(TenantStateMachine.Failed), (await world.TenantAsync(tenant)).CurrentState);
    }
}
