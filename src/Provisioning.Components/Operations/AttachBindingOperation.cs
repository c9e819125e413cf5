using Provisioning.Components.Consumers;
using Provisioning.Components.Steps;
using Provisioning.Components.Steps.UpdateBindings;
using Provisioning.Components.Steps.CreateResources;

namespace Provisioning.Components.Operations;

/// <summary>
/// The resource first (when the binding needs one), then a settings PATCH with the whole set plus the new binding and its
/// read-back. A failure takes the binding out again and deletes the resource this command created.
/// </summary>
public sealed class AttachBindingOperation : TenantOperation<AttachBinding>
{
    public override OperationKind Kind => OperationKind.Update;

    protected override OperationPlan Plan(AttachBinding command, TenantView tenant)
    {
        var name = BindingName(command);
        if (tenant.HasBinding(name))
        {
            return OperationPlan.Rejected($"Tenant '{tenant.TenantId}' already has a binding named '{name}'; detach it first or choose another name.");
        }

        var textBindings = tenant.Bindings.Count(x => x.Type is BindingTypes.PlainText or BindingTypes.SecretText);
        if (command.Binding?.Type is BindingTypes.PlainText or BindingTypes.SecretText && textBindings >= BindingRules.MaxTextBindings)
        {
            return OperationPlan.Rejected(
                $"Tenant '{tenant.TenantId}' already has {textBindings} plain_text and secret_text bindings; Cloudflare allows at most {BindingRules.MaxTextBindings} per script.");
        }

        var (ns, script) = (tenant.DispatchNamespace ?? "", tenant.ScriptName ?? "");
        List<TenantStep> create = command.Resource is { } resource ? [new CreateResources { Resources = [ResourceSteps.Create(tenant.TenantId, resource)] }] : [];
        var added = command.Resource is { } spec ? NewBinding.For(spec, ResourceNames.For(tenant.TenantId, spec.BindingName)) : NewBinding.For(command.Binding!);
        return new OperationPlan
        {
            Steps =
            [
                .. create,
                new UpdateBindings { DispatchNamespace = ns, ScriptName = script, Add = added },
            ],
        };
    }

    protected override ICommandSucceeded Succeeded(AttachBinding command, OperationResult result)
    {
        var name = BindingName(command);
        return new BindingAttached
        {
            CommandId = command.CommandId, TenantId = command.TenantId, BindingName = name, BindingType = command.Resource?.Type ?? command.Binding!.Type,
            Resource = result.Tenant.Resources.Where(x => x.BindingName == name && x.State == OwnedResourceState.Created).Select(x => x.ToInfo()).FirstOrDefault(),
        };
    }

    public override OperationFailed FailureEvent() => new BindingAttachFailed();

    static string BindingName(AttachBinding command) => command.Resource?.BindingName ?? command.Binding?.Name ?? "";
}
