using System.Net;

namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

public sealed class EnsureDispatchNamespaceConsumer(StepContext step, ICloudflareClient cloudflare) : TenantStepConsumer<EnsureDispatchNamespace>(step)
{
    protected override async Task<string?> ExecuteAsync(EnsureDispatchNamespace message, CancellationToken cancellationToken)
    {
        if (await FindAsync(message.Namespace, cancellationToken) is not null)
        {
            return null;
        }

        try
        {
            await cloudflare.DispatchNamespaces.CreateAsync(message.Namespace, cancellationToken);
            Logger.LogInformation("Created dispatch namespace {DispatchNamespace} for tenant {TenantId}", message.Namespace, message.TenantId);
        }
        catch (CloudflareApiException ex) when (!ex.IsTransient)
        {
            // Another tenant's operation may have created it between our get and create: the namespace is shared.
            if (await FindAsync(message.Namespace, cancellationToken) is null)
            {
                throw;
            }
        }

        return null;
    }

    async Task<DispatchNamespace?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await cloudflare.DispatchNamespaces.GetAsync(name, cancellationToken);
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
