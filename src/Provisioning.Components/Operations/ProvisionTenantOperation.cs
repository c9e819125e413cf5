using Provisioning.Components.Steps;
using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Steps.UploadScript;

namespace Provisioning.Components.Operations;

/// <summary>
/// Two steps: the namespace and every resource side by side, then one upload carrying every binding and its read-back.
/// A failure deletes the script (if it was uploaded) and every resource this command created, newest first.
/// </summary>
public sealed class ProvisionTenantOperation(IOptions<ProvisioningOptions> options) : TenantOperation<ProvisionTenant>
{
    public override OperationKind Kind => OperationKind.Provision;

    public override Admission Admit(TenantView tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.Lifecycle == TenantLifecycle.Active
            ? Admission.Reject($"Tenant '{tenant.TenantId}' already exists; change it with AttachBinding, DetachBinding or DeployScript.")
            : Admission.Run;
    }

    protected override OperationPlan Plan(ProvisionTenant command, TenantView tenant)
    {
        var dispatchNamespace = command.DispatchNamespace ?? options.Value.DefaultDispatchNamespace;
        var scriptName = command.ScriptName ?? command.TenantId;
        var creates = command.Resources.Select(r => ResourceSteps.Create(command.TenantId, r)).ToList();
        var bundle = ScriptBundle.For(command.Script.Modules);
        return new OperationPlan
        {
            DispatchNamespace = dispatchNamespace,
            ScriptName = scriptName,
            Bundles = [bundle],
            Steps =
            [
                new CreateResources { DispatchNamespace = dispatchNamespace, Resources = creates },
                new UploadScript
                {
                    DispatchNamespace = dispatchNamespace, ScriptName = scriptName, CreatesScript = true, Tags = command.Tags,
                    Script = ResourceSteps.Source(command.Script, bundle, options.Value.DefaultCompatibilityDate),
                    NewBindings = [.. command.Resources.Select(r => NewBinding.For(r, ResourceNames.For(command.TenantId, r.BindingName))),
                        .. command.Bindings.Select(NewBinding.For)],
                },
            ],
        };
    }

    protected override ICommandSucceeded Succeeded(ProvisionTenant command, OperationResult result) => new TenantProvisioned
    {
        CommandId = command.CommandId, TenantId = command.TenantId,
        DispatchNamespace = result.Tenant.DispatchNamespace ?? "", ScriptName = result.Tenant.ScriptName ?? "",
        Resources = result.Tenant.Resources.Where(x => x.State == OwnedResourceState.Created).Select(x => x.ToInfo()).ToList(),
        BindingNames = result.Tenant.Bindings.Select(x => x.Name).Order(StringComparer.Ordinal).ToList(),
    };

    public override OperationFailed FailureEvent() => new TenantProvisioningFailed();
}
