namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

public sealed class EnsureDispatchNamespaceConsumer(StepContext step, ICloudflareClient cloudflare) : TenantStepConsumer<EnsureDispatchNamespace>(step)
{
    protected override async Task<string?> ExecuteAsync(EnsureDispatchNamespace message, CancellationToken cancellationToken)
    {
        if (await cloudflare.DispatchNamespaces.EnsureAsync(message.Namespace, cancellationToken))
        {
            Logger.LogInformation("Created dispatch namespace {DispatchNamespace} for tenant {TenantId}", message.Namespace, message.TenantId);
        }

        return null;
    }
}
