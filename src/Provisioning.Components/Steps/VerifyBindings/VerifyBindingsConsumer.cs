namespace Provisioning.Components.Steps.VerifyBindings;

/// <summary>
/// The guard against silently dropped bindings: every binding the tenant should have must be there with the same target
/// or value (secrets by name and type: their value is write-only), and nothing else. Any difference fails the operation
/// with one message that names every missing, changed and unexpected binding.
/// </summary>
public sealed class VerifyBindingsConsumer(StepContext step, ICloudflareClient cloudflare, IDbContextFactory<ProvisioningDbContext> contexts)
    : TenantStepConsumer<VerifyBindings>(step)
{
    protected override async Task<string?> ExecuteAsync(VerifyBindings message, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var problems = await BindingDrift.FindAsync(db, cloudflare, message.TenantId, message.DispatchNamespace, message.ScriptName, cancellationToken);
        if (problems.Count > 0)
        {
            throw new StepFailedException($"Script '{message.ScriptName}' has the wrong bindings: {string.Join("; ", problems)}.");
        }

        var count = await db.Bindings.CountAsync(x => x.TenantId == message.TenantId, cancellationToken);
        Logger.LogInformation("Verified {BindingCount} bindings of script {ScriptName} for tenant {TenantId}", count, message.ScriptName, message.TenantId);
        return null;
    }
}
