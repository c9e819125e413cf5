using Provisioning.Components.Steps;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.UpdateBindings;

namespace Provisioning.Components.Operations;

/// <summary>
/// A settings PATCH without the binding and its read-back, then (with DeleteResource) the resource. The binding is gone
/// before its resource, so a failed delete leaves a tenant that works.
/// </summary>
public sealed class DetachBindingOperation : TenantOperation<DetachBinding>
{
    public override OperationKind Kind => OperationKind.Update;

    protected override OperationPlan Plan(DetachBinding command, TenantView tenant)
    {
        var binding = tenant.Bindings.SingleOrDefault(x => x.Name == command.BindingName);
        if (binding is null)
        {
            return OperationPlan.Rejected($"Tenant '{tenant.TenantId}' has no binding named '{command.BindingName}'.");
        }

        var owned = tenant.ResourceOf(binding);
        if (command.DeleteResource && owned is { Adopted: true })
        {
            return OperationPlan.Rejected(
                $"{owned.ResourceType} '{owned.Name}' existed before the worker adopted it, so the worker does not delete it; detach without DeleteResource.");
        }

        var (ns, script) = (tenant.DispatchNamespace ?? "", tenant.ScriptName ?? "");
        List<TenantStep> delete = command.DeleteResource && owned is not null
            ? [new DeleteResource { ResourceType = owned.ResourceType, ResourceName = owned.Name }]
            : [];
        return new OperationPlan
        {
            Steps =
            [
                new UpdateBindings { DispatchNamespace = ns, ScriptName = script, Remove = command.BindingName },
                .. delete,
            ],
        };
    }

    protected override ICommandSucceeded Succeeded(DetachBinding command, OperationResult result) => new BindingDetached
    {
        CommandId = command.CommandId, TenantId = command.TenantId, BindingName = command.BindingName,
        DeletedResource = result.DeletedResources.Select(x => x.ToInfo()).FirstOrDefault(),
        KeptResource = result.Tenant.Resources
            .FirstOrDefault(x => x.BindingName == command.BindingName && x.State == OwnedResourceState.Created)?.ToInfo(),
    };

    public override OperationFailed FailureEvent() => new BindingDetachFailed();
}
