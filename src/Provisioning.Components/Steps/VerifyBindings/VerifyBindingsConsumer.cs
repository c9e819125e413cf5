namespace Provisioning.Components.Steps.VerifyBindings;

/// <summary>
/// The read-back step of a plan stored before uploads and settings changes read their bindings back themselves
/// (<see cref="BindingDrift.VerifyAsync"/>).
/// </summary>
public sealed class VerifyBindingsConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts)
    : TenantStepConsumer<VerifyBindings>(step)
{
    protected override async Task<string?> ExecuteAsync(VerifyBindings message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var count = await BindingDrift.VerifyAsync(db, cloudflare, message.TenantId, message.DispatchNamespace, message.ScriptName, cancellationToken);
        Logger.LogInformation("Verified {BindingCount} bindings of script {ScriptName} for tenant {TenantId}", count, message.ScriptName, message.TenantId);
        return null;
    }
}
