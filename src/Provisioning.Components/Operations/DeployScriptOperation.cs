using Provisioning.Components.Steps.UploadScript;

namespace Provisioning.Components.Operations;

/// <summary>New code with every binding the tenant has (secrets inherited), read back by the same step. Nothing to undo: the old code is gone.</summary>
public sealed class DeployScriptOperation(IOptions<ProvisioningOptions> options) : TenantOperation<DeployScript>
{
    public override OperationKind Kind => OperationKind.Update;

    protected override OperationPlan Plan(DeployScript command, TenantView tenant)
    {
        var (ns, script) = (tenant.DispatchNamespace ?? "", tenant.ScriptName ?? "");
        var bundle = ScriptBundle.For(command.Script.Modules);
        return new OperationPlan
        {
            Bundles = [bundle],
            Steps =
            [
                new UploadScript
                {
                    DispatchNamespace = ns, ScriptName = script,
                    Script = ResourceSteps.Source(command.Script, bundle, options.Value.DefaultCompatibilityDate),
                },
            ],
        };
    }

    protected override ICommandSucceeded Succeeded(DeployScript command, OperationResult result) => new ScriptDeployed
    {
        CommandId = command.CommandId, TenantId = command.TenantId, ScriptName = result.Tenant.ScriptName ?? "", Etag = result.ScriptEtag,
    };

    public override OperationFailed FailureEvent() => new ScriptDeployFailed();
}
