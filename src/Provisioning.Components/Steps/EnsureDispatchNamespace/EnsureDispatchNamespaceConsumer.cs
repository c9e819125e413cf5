namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

public sealed class EnsureDispatchNamespaceConsumer(StepContext step, ICloudflareClient cloudflare, KnownDispatchNamespaces known)
    : TenantStepConsumer<EnsureDispatchNamespace>(step)
{
    protected override async Task<string?> ExecuteAsync(EnsureDispatchNamespace message, CancellationToken cancellationToken)
    {
        if (known.IsKnown(message.Namespace))
        {
            return null;
        }

        if (await cloudflare.DispatchNamespaces.EnsureAsync(message.Namespace, cancellationToken))
        {
            Logger.LogInformation("Created dispatch namespace {DispatchNamespace} for tenant {TenantId}", message.Namespace, message.TenantId);
        }

        known.Confirm(message.Namespace);
        return null;
    }
}
