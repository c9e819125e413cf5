using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteScript;

namespace Provisioning.Components.Operations;

/// <summary>The script first (nothing can run against half-deleted resources), then every resource the worker created, newest first.</summary>
public sealed class DeprovisionTenantOperation : TenantOperation<DeprovisionTenant>
{
    public override OperationKind Kind => OperationKind.Deprovision;

    protected override OperationPlan Plan(DeprovisionTenant command, TenantView tenant) => new()
    {
        Steps =
        [
            new DeleteScript { DispatchNamespace = tenant.DispatchNamespace ?? "", ScriptName = tenant.ScriptName ?? "" },
            .. tenant.LiveOwnResources.Select(x => new DeleteResource { ResourceType = x.ResourceType, ResourceName = x.Name }),
        ],
    };

    protected override ICommandSucceeded Succeeded(DeprovisionTenant command, OperationResult result) => new TenantDeprovisioned
    {
        CommandId = command.CommandId, TenantId = command.TenantId, DeletedResources = result.DeletedResources.Select(x => x.ToInfo()).ToList(),
        AlreadyGoneResources = result.AlreadyGoneResources.Select(x => x.ToInfo()).ToList(),
    };

    public override OperationFailed FailureEvent() => new TenantDeprovisioningFailed();
}
