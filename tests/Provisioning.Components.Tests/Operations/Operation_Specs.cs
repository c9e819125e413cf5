using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Provisioning.Components.Operations;
using Provisioning.Components.Persistence;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResource;
using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;
using Provisioning.Components.Steps.DeleteScript;
using Provisioning.Components.Steps.EnsureDispatchNamespace;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.UploadScript;
using Provisioning.Components.Steps.VerifyBindings;
using Provisioning.Contracts;
using Provisioning.Messaging;
using static Provisioning.Components.Tests.StateMachines.TenantCommands;

namespace Provisioning.Components.Tests.Operations;

/// <summary>
/// The operations alone: plans, undo plans and outcome events from a command and a tenant, with no bus, web server or
/// database. The saga specs run the same operations end to end.
/// </summary>
public sealed class When_an_operation_plans
{
    static readonly IOptions<ProvisioningOptions> Defaults = Options.Create(new ProvisioningOptions());
    static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Provision_should_create_every_resource_in_one_step_before_one_upload_that_binds_them_all()
    {
        var command = Provision("acme", Kv("CACHE"), D1("DB"));

        var plan = Plan(new ProvisionTenantOperation(Defaults), command, Tenant("acme", TenantLifecycle.NotProvisioned));

        Assert.Equal(["CreateResources", "UploadScript"], plan.Steps.Select(x => x.Name));
        var creates = Assert.IsType<CreateResources>(plan.Steps[0]);
        Assert.Equal("wfp-tenants", creates.DispatchNamespace);
        Assert.Equal(["wfp-acme-cache", "wfp-acme-db"], creates.Resources.Select(x => x.ResourceName));
        var upload = Assert.IsType<UploadScript>(plan.Steps[1]);
        Assert.True(upload.CreatesScript);
        Assert.Equal(("wfp-tenants", "acme"), (upload.DispatchNamespace, upload.ScriptName));
        Assert.Equal(["CACHE", "DB", .. command.Bindings.Select(b => b.Name)], upload.NewBindings.Select(x => x.Name));
        Assert.Equal("wfp-acme-db", upload.NewBindings.Single(x => x.Name == "DB").ResourceName);
        var bundle = Assert.Single(plan.Bundles);
        Assert.Equal(bundle.Hash, upload.Script.BundleHash);
        Assert.Equal(Defaults.Value.DefaultCompatibilityDate, upload.Script.CompatibilityDate);
        Assert.Equal(("wfp-tenants", "acme"), (plan.DispatchNamespace, plan.ScriptName));
    }

    [Fact]
    public void Provision_should_be_rejected_for_an_active_tenant_and_run_after_a_failure_or_deprovision()
    {
        var operation = new ProvisionTenantOperation(Defaults);

        Assert.Equal(AdmissionDecision.Reject, operation.Admit(Tenant("acme", TenantLifecycle.Active)).Decision);
        Assert.Equal(AdmissionDecision.Run, operation.Admit(Tenant("acme", TenantLifecycle.NotProvisioned)).Decision);
        Assert.Equal(AdmissionDecision.Run, operation.Admit(Tenant("acme", TenantLifecycle.Deprovisioned)).Decision);
    }

    [Theory]
    [InlineData(TenantLifecycle.Active, AdmissionDecision.Run)]
    [InlineData(TenantLifecycle.NotProvisioned, AdmissionDecision.Park)]
    [InlineData(TenantLifecycle.Deprovisioned, AdmissionDecision.Reject)]
    public void Commands_on_an_existing_tenant_should_run_wait_or_be_rejected_by_its_lifecycle(TenantLifecycle lifecycle, AdmissionDecision expected)
    {
        ITenantOperation[] operations = [new AttachBindingOperation(), new DetachBindingOperation(), new DeployScriptOperation(Defaults), new DeprovisionTenantOperation()];

        Assert.All(operations, x => Assert.Equal(expected, x.Admit(Tenant("acme", lifecycle)).Decision));
    }

    [Fact]
    public void A_failed_provision_should_undo_the_upload_and_every_create_newest_first()
    {
        var operation = new ProvisionTenantOperation(Defaults);
        var plan = Plan(operation, Provision("acme", Kv("CACHE"), D1("DB")), Tenant("acme", TenantLifecycle.NotProvisioned));

        var undo = operation.PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 1 });   // the upload (or its read-back) failed

        Assert.Equal(["DeleteScript", "DeleteResource", "DeleteResource"], undo.Select(x => x.Name));
        Assert.Equal(["wfp-acme-db", "wfp-acme-cache"], undo.OfType<DeleteResource>().Select(x => x.ResourceName));
        Assert.All(undo.OfType<DeleteResource>(), x => Assert.True(x.OnlyIfCreatedByThisCommand));
    }

    [Fact]
    public void A_create_that_failed_should_be_undone_too_since_its_answer_may_have_been_lost()
    {
        var operation = new ProvisionTenantOperation(Defaults);
        var plan = Plan(operation, Provision("acme", Kv("CACHE"), D1("DB")), Tenant("acme", TenantLifecycle.NotProvisioned));

        var undo = operation.PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 0 });   // CreateResources failed (DB, say)

        Assert.Equal(["wfp-acme-db", "wfp-acme-cache"], undo.OfType<DeleteResource>().Select(x => x.ResourceName));
        Assert.Equal(2, undo.Count);
    }

    [Fact]
    public void A_first_upload_that_failed_should_be_undone_too_since_it_may_have_landed_before_its_read_back_failed()
    {
        var operation = new ProvisionTenantOperation(Defaults);
        var plan = Plan(operation, Provision("acme", Kv("CACHE")), Tenant("acme", TenantLifecycle.NotProvisioned));

        var undo = operation.PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 1 });

        Assert.Equal(["DeleteScript", "DeleteResource"], undo.Select(x => x.Name));
        Assert.Empty(new DeployScriptOperation(Defaults).PlanUndo(new OperationProgress
        {
            Plan = Plan(new DeployScriptOperation(Defaults), Deploy("acme", "export default {}"), Tenant("acme", TenantLifecycle.Active)).Steps, Completed = 0,
        }));
    }

    [Fact]
    public void Attach_should_create_bind_and_verify_and_undo_the_binding_before_the_resource()
    {
        var operation = new AttachBindingOperation();
        var plan = Plan(operation, Attach("acme", Kv("SESSIONS")), Tenant("acme", TenantLifecycle.Active));

        Assert.Equal(["CreateResources", "UpdateBindings"], plan.Steps.Select(x => x.Name));
        var creates = Assert.IsType<CreateResources>(plan.Steps[0]);
        Assert.Null(creates.DispatchNamespace);
        Assert.Equal("wfp-acme-sessions", Assert.Single(creates.Resources).ResourceName);
        Assert.Equal("SESSIONS", Assert.IsType<UpdateBindings>(plan.Steps[1]).Add!.Name);
        // The PATCH (or its read-back) failed: the binding may be there, so it comes out before the resource goes.
        var undo = operation.PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 1 });
        Assert.Equal(["UpdateBindings", "DeleteResource"], undo.Select(x => x.Name));
        Assert.Equal("SESSIONS", Assert.IsType<UpdateBindings>(undo[0]).Remove);
    }

    [Fact]
    public void Attach_should_be_rejected_when_the_name_is_taken()
    {
        var tenant = Tenant("acme", TenantLifecycle.Active) with { Bindings = [Binding("acme", "MODE")] };

        var plan = Plan(new AttachBindingOperation(), Attach("acme", new BindingSpec { Name = "MODE", Type = BindingTypes.PlainText, Text = "x" }), tenant);

        Assert.Contains("already has a binding named 'MODE'", plan.Rejection, StringComparison.Ordinal);
        Assert.Empty(plan.Steps);
    }

    [Theory]
    [InlineData(128, BindingTypes.SecretText, "already has 128 plain_text and secret_text bindings; Cloudflare allows at most 128 per script")]
    [InlineData(128, BindingTypes.Json, null)]
    [InlineData(127, BindingTypes.PlainText, null)]
    public void Attach_should_count_the_tenants_vars_and_secrets(int existing, string type, string? rejection)
    {
        var tenant = Tenant("acme", TenantLifecycle.Active) with
        {
            Bindings = Enumerable.Range(0, existing)
                .Select(i => new TenantBinding { TenantId = "acme", Name = $"V{i}", Type = i % 2 == 0 ? BindingTypes.PlainText : BindingTypes.SecretText })
                .ToList(),
        };
        var binding = new BindingSpec { Name = "NEW", Type = type, Text = type == BindingTypes.Json ? null : "x", Json = type == BindingTypes.Json ? "{}" : null };

        var plan = Plan(new AttachBindingOperation(), Attach("acme", binding), tenant);

        Assert.Equal(rejection is null, plan.Rejection is null);
        Assert.Contains(rejection ?? "", plan.Rejection ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Detach_should_unbind_before_it_deletes_and_never_delete_an_adopted_resource()
    {
        var cache = Resource("acme", "wfp-acme-cache", adopted: false);
        var tenant = Tenant("acme", TenantLifecycle.Active) with { Bindings = [Binding("acme", "CACHE", cache.Id)], Resources = [cache] };

        var plan = Plan(new DetachBindingOperation(), Detach("acme", "CACHE", deleteResource: true), tenant);
        var adopted = Plan(new DetachBindingOperation(), Detach("acme", "CACHE", deleteResource: true),
            tenant with { Resources = [Resource("acme", "wfp-acme-cache", adopted: true, id: cache.Id)] });
        var missing = Plan(new DetachBindingOperation(), Detach("acme", "NOPE", deleteResource: false), tenant);

        Assert.Equal(["UpdateBindings", "DeleteResource"], plan.Steps.Select(x => x.Name));
        Assert.Contains("adopted", adopted.Rejection, StringComparison.Ordinal);
        Assert.Contains("no binding named 'NOPE'", missing.Rejection, StringComparison.Ordinal);
        Assert.Empty(new DetachBindingOperation().PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 1 }));
    }

    [Fact]
    public void Deploy_should_have_nothing_to_undo()
    {
        var operation = new DeployScriptOperation(Defaults);
        var plan = Plan(operation, Deploy("acme", "export default {}"), Tenant("acme", TenantLifecycle.Active) with { DispatchNamespace = "ns", ScriptName = "acme" });

        Assert.False(Assert.IsType<UploadScript>(plan.Steps[0]).CreatesScript);
        Assert.Empty(operation.PlanUndo(new OperationProgress { Plan = plan.Steps, Completed = 1 }));
    }

    [Fact]
    public void Deprovision_should_delete_the_script_then_only_what_the_worker_created_and_report_what_it_deleted()
    {
        var older = Resource("acme", "wfp-acme-cache", adopted: false, createdAt: Now.AddMinutes(-2));
        var newer = Resource("acme", "wfp-acme-db", adopted: false, createdAt: Now.AddMinutes(-1));
        var deleted = Resource("acme", "wfp-acme-cache", adopted: false, id: older.Id, state: OwnedResourceState.Deleted);
        var adopted = Resource("acme", "wfp-acme-files", adopted: true);
        var operation = new DeprovisionTenantOperation();
        var tenant = Tenant("acme", TenantLifecycle.Active) with { Resources = [older, newer, adopted] };
        var command = Deprovision("acme");

        var plan = Plan(operation, command, tenant);
        var outcome = ((ITenantOperation)operation).Succeeded(command, new OperationResult
        {
            Tenant = tenant with { Resources = [deleted, newer, adopted] }, Steps = plan.Steps,
        });

        Assert.Equal(["DeleteScript", "DeleteResources"], plan.Steps.Select(x => x.Name));
        Assert.Equal(["wfp-acme-db", "wfp-acme-cache"], plan.Steps.OfType<DeleteResources>().Single().Resources.Select(x => x.ResourceName));
        Assert.Equal(["wfp-acme-cache"], Assert.IsType<TenantDeprovisioned>(outcome).DeletedResources.Select(x => x.Name));
    }

    [Fact]
    public void Deprovision_of_a_tenant_with_nothing_of_its_own_should_only_delete_the_script()
    {
        var tenant = Tenant("acme", TenantLifecycle.Active) with { Resources = [Resource("acme", "wfp-acme-files", adopted: true)] };

        var plan = Plan(new DeprovisionTenantOperation(), Deprovision("acme"), tenant);

        Assert.Equal(["DeleteScript"], plan.Steps.Select(x => x.Name));
    }

    [Fact]
    public void A_deprovision_stored_by_an_earlier_version_should_still_report_what_its_steps_deleted()
    {
        // Before DeleteResources, a deprovision planned one DeleteResource step per resource.
        var deleted = Resource("acme", "wfp-acme-cache", adopted: false, state: OwnedResourceState.Deleted);
        var gone = Resource("acme", "wfp-acme-db", adopted: false, state: OwnedResourceState.Deleted);
        gone.CloudflareId = null;   // a 404: nothing was deleted
        var command = Deprovision("acme");
        var steps = new List<TenantStep>
        {
            new DeleteScript { DispatchNamespace = "wfp-tenants", ScriptName = "acme" },
            new DeleteResource { ResourceType = deleted.ResourceType, ResourceName = deleted.Name },
            new DeleteResource { ResourceType = gone.ResourceType, ResourceName = gone.Name },
        };

        var outcome = ((ITenantOperation)new DeprovisionTenantOperation()).Succeeded(command, new OperationResult
        {
            Tenant = Tenant("acme", TenantLifecycle.Active) with { Resources = [deleted, gone] }, Steps = steps,
        });

        var deprovisioned = Assert.IsType<TenantDeprovisioned>(outcome);
        Assert.Equal(["wfp-acme-cache"], deprovisioned.DeletedResources.Select(x => x.Name));
        Assert.Equal(["wfp-acme-db"], deprovisioned.AlreadyGoneResources.Select(x => x.Name));
    }

    [Fact]
    public void Each_operation_should_report_failure_with_its_own_event()
    {
        var commandId = Guid.NewGuid();

        var events = Operations().Select(x => x.FailureEvent() with { CommandId = commandId, TenantId = "acme", FailedStep = "UploadScript" }).ToList();

        Assert.Equal(["BindingAttachFailed", "BindingDetachFailed", "BindingsRestoreFailed", "ScriptDeployFailed", "TenantDeprovisioningFailed", "TenantProvisioningFailed"],
            events.Select(x => x.GetType().Name).Order(StringComparer.Ordinal));
        Assert.All(events, x => Assert.Equal((commandId, "acme", "UploadScript"), (x.CommandId, x.TenantId, x.FailedStep)));
    }

    [Fact]
    public void Every_tenant_command_contract_should_have_exactly_one_registered_operation()
    {
        var registered = Operations().Select(x => x.CommandType).ToList();

        Assert.Equal(CommandQueues.TenantCommands.OrderBy(x => x.Name), registered.OrderBy(x => x.Name));
    }

    [Fact]
    public void A_stored_plan_should_read_back_as_the_same_typed_steps_without_their_address()
    {
        var plan = Plan(new AttachBindingOperation(), Attach("acme", Kv("SESSIONS")), Tenant("acme", TenantLifecycle.Active) with { DispatchNamespace = "ns", ScriptName = "acme" });

        var json = StepPlan.Write(plan.Steps)!;
        var read = StepPlan.Read(json);

        Assert.Equal(plan.Steps.Select(x => x.GetType()), read.Select(x => x.GetType()));
        Assert.Equal(plan.Steps[1], read[1]);
        Assert.Equal(((CreateResources)plan.Steps[0]).Resources, ((CreateResources)read[0]).Resources);
        Assert.Equal(json, StepPlan.Write(read));
        Assert.Contains("\"step\":\"UpdateBindings\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("stepIndex", json, StringComparison.Ordinal);
        Assert.DoesNotContain("correlationId", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_stored_by_an_earlier_version_should_still_read_and_undo_its_creates()
    {
        // An operation running across an upgrade: its plan was stored with one step per resource and a separate read-back.
        const string stored = """
            [{"step":"EnsureDispatchNamespace","tenantId":"acme","namespace":"wfp-tenants"},
             {"step":"CreateResource","tenantId":"acme","resourceType":"kv_namespace","resourceName":"wfp-acme-cache","bindingName":"CACHE"},
             {"step":"CreateResource","tenantId":"acme","resourceType":"d1","resourceName":"wfp-acme-db","bindingName":"DB"},
             {"step":"UploadScript","tenantId":"acme","dispatchNamespace":"wfp-tenants","scriptName":"acme","createsScript":true},
             {"step":"VerifyBindings","tenantId":"acme","dispatchNamespace":"wfp-tenants","scriptName":"acme"}]
            """;

        var plan = StepPlan.Read(stored);
        var undo = new ProvisionTenantOperation(Defaults).PlanUndo(new OperationProgress { Plan = plan, Completed = 4 });

        Assert.Equal(["EnsureDispatchNamespace", "CreateResource", "CreateResource", "UploadScript", "VerifyBindings"], plan.Select(x => x.Name));
        Assert.Equal(["DeleteScript", "DeleteResource", "DeleteResource"], undo.Select(x => x.Name));
        Assert.Equal(["wfp-acme-db", "wfp-acme-cache"], undo.OfType<DeleteResource>().Select(x => x.ResourceName));
    }

    static OperationPlan Plan(ITenantOperation operation, ITenantCommand command, TenantView tenant) => operation.Plan(command, tenant);

    static IEnumerable<ITenantOperation> Operations() =>
        new ServiceCollection().AddProvisioningServices(new ConfigurationBuilder().Build()).BuildServiceProvider().GetServices<ITenantOperation>();

    static TenantView Tenant(string tenantId, TenantLifecycle lifecycle) => new() { TenantId = tenantId, Lifecycle = lifecycle };

    static TenantBinding Binding(string tenantId, string name, Guid? resourceId = null) =>
        new() { TenantId = tenantId, Name = name, Type = resourceId is null ? BindingTypes.PlainText : BindingTypes.KvNamespace, OwnedResourceId = resourceId };

    static OwnedResource Resource(string tenantId, string name, bool adopted, Guid? id = null, DateTime? createdAt = null,
        OwnedResourceState state = OwnedResourceState.Created) => new()
    {
        Id = id ?? Guid.NewGuid(), TenantId = tenantId, ResourceType = BindingTypes.KvNamespace, Name = name, CloudflareId = name + "-id",
        State = state, Adopted = adopted, CreatedAt = createdAt ?? Now,
    };
}
