using MassTransit.Testing;
using Provisioning.Cloudflare;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Contracts;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.StateMachines;

public sealed class When_a_binding_is_attached
{
    [Fact]
    public async Task Should_keep_every_existing_binding_and_add_the_new_one()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        var attached = await world.RunAsync<BindingAttached>(Attach(tenant, Kv("SESSIONS")));

        Assert.Equal("SESSIONS", attached.BindingName);
        Assert.Equal($"wfp-{tenant}-sessions", attached.Resource?.Name);
        var script = await world.ScriptAsync(tenant);
        Assert.Equal(["API_KEY", "CACHE", "DB", "FILES", "GREETING", "SESSIONS"], script!.Bindings.Select(x => (string)x["name"]!).Order(StringComparer.Ordinal));
        Assert.Contains("API_KEY", script.SecretNames);
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_retry_the_settings_update_after_a_transient_failure()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.Emulator.FailAsync("scripts.settings.patch", status: 500, count: 1);

        await world.RunAsync<BindingAttached>(Attach(tenant, new BindingSpec { Name = "MODE", Type = BindingTypes.PlainText, Text = "beta" }));

        Assert.Equal(2, await world.Emulator.CountAsync("scripts.settings.patch"));
        Assert.Contains((await world.ScriptAsync(tenant))!.Bindings, x => (string)x["name"]! == "MODE" && (string)x["text"]! == "beta");
    }

    [Fact]
    public async Task Should_reject_a_resource_that_belongs_to_another_tenant()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        var other = $"{tenant}-x";
        await world.RunAsync<TenantProvisioned>(Provision(other, Kv("DATA")));
        await world.RunAsync<TenantProvisioned>(Provision(tenant, Kv("CACHE")));

        // wfp-{tenant}-x-data is the other tenant's KV namespace (its binding DATA); X_DATA maps to the same name.
        var rejected = await world.RunAsync<CommandRejected>(Attach(tenant, Kv("X_DATA")));

        Assert.Contains($"belongs to tenant '{other}'", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain((await world.ScriptAsync(tenant))!.Bindings, x => (string)x["name"]! == "X_DATA");
        Assert.Equal(2, await world.Emulator.CountAsync("kv.create")); // the two provisions; the attach created nothing
    }

    [Fact]
    public async Task Should_compensate_its_resource_when_verification_fails()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant, Kv("CACHE")));
        await world.Emulator.FailAsync("scripts.bindings.get", status: 403, code: 10000, count: 1, message: "not allowed");

        var failed = await world.RunAsync<BindingAttachFailed>(Attach(tenant, Kv("SESSIONS")));

        Assert.Equal("UpdateBindings", failed.FailedStep);   // the PATCH landed, its read-back failed
        Assert.Contains("not allowed", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([$"wfp-{tenant}-sessions"], failed.Compensated.Select(x => x.Name));
        Assert.Equal([$"wfp-{tenant}-cache"], await world.ResourcesAsync(tenant));
        Assert.DoesNotContain((await world.ScriptAsync(tenant))!.Bindings, x => (string)x["name"]! == "SESSIONS");
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }
}

public sealed class When_a_script_is_deployed
{
    [Fact]
    public async Task Should_change_the_code_and_keep_every_binding_and_secret()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.RunAsync<BindingAttached>(Attach(tenant, Kv("SESSIONS")));
        var before = await world.ScriptAsync(tenant);

        var deployed = await world.RunAsync<ScriptDeployed>(Deploy(tenant, "v2"));

        var after = await world.ScriptAsync(tenant);
        Assert.NotEqual(before!.ContentSha256, after!.ContentSha256);
        Assert.Equal(after.Etag, deployed.Etag);
        Assert.Equal(before.Bindings.Select(x => x.ToJsonString()).Order(), after.Bindings.Select(x => x.ToJsonString()).Order());
        Assert.Contains("API_KEY", after.SecretNames);
    }

    [Fact]
    public async Task Should_restore_a_variable_removed_out_of_band()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        var current = await world.Cloudflare.Scripts.GetBindingsAsync("wfp-tenants", tenant, CancellationToken.None);
        await world.Cloudflare.Scripts.UpdateSettingsAsync("wfp-tenants", tenant,
            new WorkerScriptSettings { Bindings = current.Where(x => x.Name != "GREETING").ToList() }, CancellationToken.None);

        await world.RunAsync<ScriptDeployed>(Deploy(tenant, "v2"));

        // Every upload sends the whole desired set, so a variable lost outside the worker comes back.
        var script = await world.ScriptAsync(tenant);
        Assert.Contains(script!.Bindings, x => (string)x["name"]! == "GREETING" && (string)x["text"]! == "hello");
        Assert.Contains("API_KEY", script.SecretNames);
    }

    [Fact]
    public async Task Should_fail_loudly_when_a_secret_was_removed_out_of_band()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        var before = await world.ScriptAsync(tenant);
        await world.Cloudflare.Scripts.DeleteSecretAsync("wfp-tenants", tenant, "API_KEY", CancellationToken.None);

        // The worker never stores secret values, so it cannot restore one: strict inherit refuses the upload (10057).
        var failed = await world.RunAsync<ScriptDeployFailed>(Deploy(tenant, "v2"));

        Assert.Equal("UploadScript", failed.FailedStep);
        Assert.Equal(10057, failed.ErrorCode);
        Assert.Contains("API_KEY", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before!.ContentSha256, (await world.ScriptAsync(tenant))!.ContentSha256);
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_create_again_a_script_deleted_out_of_band_with_every_binding()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(WithoutSecrets(Provision(tenant)));
        var before = await world.ScriptAsync(tenant);
        await world.Cloudflare.Scripts.DeleteAsync("wfp-tenants", tenant, force: true, CancellationToken.None);

        await world.RunAsync<ScriptDeployed>(Deploy(tenant, "v2"));

        var after = await world.ScriptAsync(tenant);
        Assert.Equal(before!.Bindings.Select(x => x.ToJsonString()).Order(), after!.Bindings.Select(x => x.ToJsonString()).Order());
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_create_again_a_dispatch_namespace_deleted_out_of_band_and_the_script_in_it()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(WithoutSecrets(Provision(tenant)));
        var before = await world.ScriptAsync(tenant);
        await world.Cloudflare.DispatchNamespaces.DeleteAsync("wfp-tenants", CancellationToken.None);

        await world.RunAsync<ScriptDeployed>(Deploy(tenant, "v2"));

        Assert.Equal("wfp-tenants", (await world.Cloudflare.DispatchNamespaces.GetAsync("wfp-tenants", CancellationToken.None)).NamespaceName);
        var after = await world.ScriptAsync(tenant);
        Assert.Equal(before!.Bindings.Select(x => x.ToJsonString()).Order(), after!.Bindings.Select(x => x.ToJsonString()).Order());
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_say_how_to_repair_when_the_script_vanished_with_its_secrets()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.Cloudflare.Scripts.DeleteAsync("wfp-tenants", tenant, force: true, CancellationToken.None);

        var failed = await world.RunAsync<ScriptDeployFailed>(Deploy(tenant, "v2"));

        Assert.Equal(10057, failed.ErrorCode);
        Assert.Contains("secret(s) API_KEY", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("deprovision and provision the tenant again", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(await world.ScriptAsync(tenant));
        Assert.Equal(nameof(TenantStateMachine.Active), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_fail_verification_naming_an_unexpected_binding()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.Cloudflare.Scripts.SetSecretAsync("wfp-tenants", tenant, "ROGUE", "x", CancellationToken.None);

        // keep_bindings keeps every secret, including one the worker did not put there: the read-back catches it.
        var failed = await world.RunAsync<ScriptDeployFailed>(Deploy(tenant, "v2"));

        Assert.Equal("UploadScript", failed.FailedStep);   // the upload's read-back
        Assert.Contains("'ROGUE' (secret_text) is unexpected", failed.ErrorMessage, StringComparison.Ordinal);
    }
}

public sealed class When_a_binding_is_detached
{
    [Fact]
    public async Task Should_remove_the_binding_and_keep_the_resource()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        var detached = await world.RunAsync<BindingDetached>(Detach(tenant, "CACHE", deleteResource: false));

        Assert.Null(detached.DeletedResource);
        var script = await world.ScriptAsync(tenant);
        Assert.Equal(["API_KEY", "DB", "FILES", "GREETING"], script!.Bindings.Select(x => (string)x["name"]!).Order(StringComparer.Ordinal));
        Assert.Contains($"wfp-{tenant}-cache", await world.ResourcesAsync(tenant));
    }

    [Fact]
    public async Task Should_delete_the_resource_when_asked()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        var detached = await world.RunAsync<BindingDetached>(Detach(tenant, "CACHE", deleteResource: true));

        Assert.Equal($"wfp-{tenant}-cache", detached.DeletedResource?.Name);
        Assert.Equal([$"wfp-{tenant}-db", $"wfp-{tenant}-files"], await world.ResourcesAsync(tenant));
        Assert.Equal(OwnedResourceState.Deleted, (await world.LedgerAsync(tenant)).Single(x => x.BindingName == "CACHE").State);
        Assert.Contains("API_KEY", (await world.ScriptAsync(tenant))!.SecretNames);
    }

    [Fact]
    public async Task Should_reject_a_binding_the_tenant_does_not_have()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        var rejected = await world.RunAsync<CommandRejected>(Detach(tenant, "NOPE", deleteResource: false));

        Assert.Contains("no binding named 'NOPE'", rejected.Reason, StringComparison.Ordinal);
    }
}

public sealed class When_a_tenant_is_deprovisioned
{
    [Fact]
    public async Task Should_skip_a_late_copy_of_an_earlier_upload_so_the_script_stays_deleted()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(WithoutSecrets(Provision(tenant, Kv("CACHE"))));
        var upload = (await world.Harness.Published.SelectAsync<Provisioning.Components.Steps.UploadScript.UploadScript>(x => x.Context.Message.TenantId == tenant).FirstOrDefault())!.Context.Message;
        await world.RunAsync<TenantDeprovisioned>(Deprovision(tenant));
        var uploads = await world.Emulator.CountAsync("scripts.upload");

        // A copy of the provision's upload, as a redelivery or an outbox row published again would bring it.
        await world.Harness.Bus.Publish(upload);
        await world.WaitUntilAsync(async () => await world.Harness.Consumed.SelectAsync<Provisioning.Components.Steps.UploadScript.UploadScript>(x => x.Context.Message.TenantId == tenant).Count() == 2);

        Assert.Equal(uploads, await world.Emulator.CountAsync("scripts.upload"));
        Assert.Null(await world.ScriptAsync(tenant));
        Assert.Equal(nameof(TenantStateMachine.Deprovisioned), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Fact]
    public async Task Should_leave_nothing_behind()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.Emulator.FailAsync("kv.delete", status: 500, count: 1);
        await world.Emulator.FailAsync("scripts.delete", status: 502, count: 1);

        var deprovisioned = await world.RunAsync<TenantDeprovisioned>(Deprovision(tenant));

        Assert.Equal(3, deprovisioned.DeletedResources.Count);
        Assert.Equal(2, await world.Emulator.CountAsync("scripts.delete"));
        Assert.Null(await world.ScriptAsync(tenant));
        Assert.Empty(await world.ResourcesAsync(tenant));
        Assert.Equal(nameof(TenantStateMachine.Deprovisioned), (await world.TenantAsync(tenant)).CurrentState);
    }

    [Theory]
    [InlineData("kv.delete", "cache")]
    [InlineData("d1.delete", "db")]
    [InlineData("r2.delete", "files")]
    public async Task Should_delete_its_resources_side_by_side_so_one_that_fails_for_good_stops_none_of_the_others(string operation, string kept)
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.Emulator.FailAsync(operation, status: 400, code: 10013, count: null, message: "delete refused");

        var failed = await world.RunAsync<TenantDeprovisioningFailed>(Deprovision(tenant));

        // One after another, the failure would have stopped the deletes after it; side by side, every other one ran once.
        Assert.Equal("DeleteResources", failed.FailedStep);
        Assert.Equal(10013, failed.ErrorCode);
        Assert.Equal([$"wfp-{tenant}-{kept}"], await world.ResourcesAsync(tenant));
        foreach (var other in new[] { "kv.delete", "d1.delete", "r2.delete" }.Where(x => x != operation))
        {
            Assert.Equal(1, await world.Emulator.CountAsync(other));
        }
    }

    [Fact]
    public async Task Should_reject_later_commands_but_accept_a_new_provision()
    {
        await using var world = await TenantSagaHarness.StartAsync();
        var tenant = NewTenantId();
        await world.RunAsync<TenantProvisioned>(Provision(tenant));
        await world.RunAsync<TenantDeprovisioned>(Deprovision(tenant));

        var rejected = await world.RunAsync<CommandRejected>(Deploy(tenant, "v2"));
        await world.RunAsync<TenantProvisioned>(Provision(tenant));

        Assert.Contains("deprovisioned", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(3, (await world.ResourcesAsync(tenant)).Count);
    }
}
