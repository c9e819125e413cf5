using Provisioning.Components.Steps.CreateResource;

namespace Provisioning.Components.Steps.CreateResources;

/// <summary>
/// Creates (or adopts) a tenant's KV namespaces, D1 databases and R2 buckets, and makes sure of its dispatch namespace
/// when <see cref="DispatchNamespace"/> is set, all side by side: one step, so one round trip through the saga, and the
/// Cloudflare calls overlap instead of following one another. The undo deletes what this command created, newest
/// first; the namespace is shared by tenants and never undone.
/// </summary>
public sealed record CreateResources : TenantStep
{
    public string? DispatchNamespace { get; init; }

    public IReadOnlyList<ResourceToCreate> Resources { get; init; } = [];

    public override IReadOnlyList<TenantStep> Undo() => Resources.Reverse().Select(x => (TenantStep)x.Undo()).ToList();

    // Some creates may have succeeded before another failed, or before a lost answer: their undo finds them by name.
    public override bool UndoEvenIfFailed => true;
}
