using Provisioning.Components.Steps.DeleteResource;

namespace Provisioning.Components.Steps.DeleteResources;

/// <summary>
/// Deletes a tenant's KV namespaces, D1 databases and R2 buckets side by side (a deprovision): one step, so one round
/// trip through the saga, and the Cloudflare calls overlap. Adopted resources are never deleted.
/// </summary>
public sealed record DeleteResources : TenantStep
{
    public IReadOnlyList<ResourceToDelete> Resources { get; init; } = [];
}
