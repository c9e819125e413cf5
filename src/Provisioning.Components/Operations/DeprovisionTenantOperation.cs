using Provisioning.Components.Steps;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;
using Provisioning.Components.Steps.DeleteScript;

namespace Provisioning.Components.Operations;

/// <summary>The script first (nothing can run against half-deleted resources), then every resource the worker created, side by side.</summary>
public sealed class DeprovisionTenantOperation : TenantOperation<DeprovisionTenant>
{
    public override OperationKind Kind => OperationKind.Deprovision;

    protected override OperationPlan Plan(DeprovisionTenant command, TenantView tenant) => new()
    {
        Steps =
        [
            new DeleteScript { DispatchNamespace = tenant.DispatchNamespace ?? "", ScriptName = tenant.ScriptName ?? "" },
            .. DeleteResources(tenant),
        ],
    };

    static IEnumerable<TenantStep> DeleteResources(TenantView tenant)
    {
        var resources = tenant.LiveOwnResources.Select(x => new ResourceToDelete(x.ResourceType, x.Name)).ToList();
        return resources.Count == 0 ? [] : [new DeleteResources { Resources = resources }];
    }

    protected override ICommandSucceeded Succeeded(DeprovisionTenant command, OperationResult result) => new TenantDeprovisioned
    {
        CommandId = command.CommandId, TenantId = command.TenantId, DeletedResources = result.DeletedResources.Select(x => x.ToInfo()).ToList(),
        AlreadyGoneResources = result.AlreadyGoneResources.Select(x => x.ToInfo()).ToList(),
    };

    public override OperationFailed FailureEvent() => new TenantDeprovisioningFailed();
}
