using System.Net;

namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>Finds a dispatch namespace or creates it: for the first step of a provision, and for an upload that finds its namespace gone.</summary>
public static class DispatchNamespaceLookup
{
    /// <summary>Creates <paramref name="name"/> unless it exists.</summary>
    /// <returns>True when this call created it.</returns>
    public static async Task<bool> EnsureAsync(this IDispatchNamespacesClient namespaces, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(namespaces);
        if (await FindAsync(namespaces, name, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            await namespaces.CreateAsync(name, cancellationToken);
            return true;
        }
        catch (CloudflareApiException ex) when (!ex.IsTransient)
        {
            // Another tenant's operation may have created it between our get and create: the namespace is shared.
            if (await FindAsync(namespaces, name, cancellationToken) is null)
            {
                throw;
            }

            return false;
        }
    }

    static async Task<DispatchNamespace?> FindAsync(IDispatchNamespacesClient namespaces, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await namespaces.GetAsync(name, cancellationToken);
        }
        catch (CloudflareApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
