namespace Provisioning.Components.Reconciliation;

/// <summary>One KV namespace, D1 database or R2 bucket as Cloudflare lists it.</summary>
/// <param name="ResourceType">A <see cref="BindingTypes"/> resource type.</param>
/// <param name="Name">KV title, D1 name or bucket name: what the worker's naming and ledger key on.</param>
/// <param name="CloudflareId">KV id, D1 uuid, or the bucket name for R2.</param>
/// <param name="Jurisdiction">An R2 bucket's jurisdiction, when not the default.</param>
public sealed record CloudflareResource(string ResourceType, string Name, string CloudflareId, string? Jurisdiction = null);

/// <summary>Lists the account's KV namespaces, D1 databases and R2 buckets (every page), for the reconciler.</summary>
public static class CloudflareInventory
{
    /// <summary>Everything of the three kinds; R2 in the default jurisdiction and in every <paramref name="jurisdictions"/> the ledger names.</summary>
    public static async Task<List<CloudflareResource>> ListAsync(ICloudflareClient cloudflare, IEnumerable<string> jurisdictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudflare);
        var found = new List<CloudflareResource>();
        await foreach (var kv in cloudflare.KvNamespaces.ListAsync(cancellationToken))
        {
            found.Add(new CloudflareResource(BindingTypes.KvNamespace, kv.Title, kv.Id));
        }

        await foreach (var d1 in cloudflare.D1Databases.ListAsync(null, cancellationToken))
        {
            found.Add(new CloudflareResource(BindingTypes.D1, d1.Name, d1.Uuid));
        }

        foreach (var jurisdiction in jurisdictions.Where(x => !string.IsNullOrEmpty(x)).Distinct().Prepend(null))
        {
            await foreach (var bucket in cloudflare.R2Buckets.ListAsync(null, jurisdiction, cancellationToken))
            {
                found.Add(new CloudflareResource(BindingTypes.R2Bucket, bucket.Name, bucket.Name, jurisdiction));
            }
        }

        return found;
    }

    /// <summary>Deletes one listed resource.</summary>
    public static Task DeleteAsync(ICloudflareClient cloudflare, CloudflareResource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudflare);
        ArgumentNullException.ThrowIfNull(resource);
        return resource.ResourceType switch
        {
            BindingTypes.KvNamespace => cloudflare.KvNamespaces.DeleteAsync(resource.CloudflareId, cancellationToken),
            BindingTypes.D1 => cloudflare.D1Databases.DeleteAsync(resource.CloudflareId, cancellationToken),
            BindingTypes.R2Bucket => cloudflare.R2Buckets.DeleteAsync(resource.Name, resource.Jurisdiction, cancellationToken),
            _ => throw new ArgumentException($"Unknown resource type '{resource.ResourceType}'.", nameof(resource)),
        };
    }
}
