namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>The namespace step of a plan stored before <see cref="CreateResources.CreateResources"/> ensured the namespace itself.</summary>
public sealed class EnsureDispatchNamespaceConsumer(StepContext step, ICloudflareClient cloudflare, KnownDispatchNamespaces known)
    : TenantStepConsumer<EnsureDispatchNamespace>(step)
{
    protected override async Task<string?> ExecuteAsync(EnsureDispatchNamespace message, CancellationToken cancellationToken)
    {
        if (await known.EnsureAsync(cloudflare.DispatchNamespaces, message.Namespace, cancellationToken))
        {
            Logger.LogInformation("Created dispatch namespace {DispatchNamespace} for tenant {TenantId}", message.Namespace, message.TenantId);
        }

        return null;
    }
}
