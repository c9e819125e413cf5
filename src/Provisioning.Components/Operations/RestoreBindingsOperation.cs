using Provisioning.Components.Steps.UpdateBindings;

namespace Provisioning.Components.Operations;

/// <summary>
/// A settings update carrying the ledger's whole binding set (neither adding nor removing one), read back by the same step.
/// Secrets go as name and type, which Cloudflare keeps: a secret Cloudflare lost fails the read-back, since its value is not kept here.
/// </summary>
public sealed class RestoreBindingsOperation : TenantOperation<RestoreBindings>
{
    public override OperationKind Kind => OperationKind.Update;

    protected override OperationPlan Plan(RestoreBindings command, TenantView tenant)
    {
        var (ns, script) = (tenant.DispatchNamespace ?? "", tenant.ScriptName ?? "");
        return new OperationPlan
        {
            Steps =
            [
                new UpdateBindings { DispatchNamespace = ns, ScriptName = script },
            ],
        };
    }

    protected override ICommandSucceeded Succeeded(RestoreBindings command, OperationResult result) => new BindingsRestored
    {
        CommandId = command.CommandId, TenantId = command.TenantId, Bindings = result.Tenant.Bindings.Select(x => x.Name).Order(StringComparer.Ordinal).ToList(),
    };

    public override OperationFailed FailureEvent() => new BindingsRestoreFailed();
}
