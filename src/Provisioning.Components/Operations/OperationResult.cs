using Provisioning.Components.Steps;
using Provisioning.Components.Steps.DeleteResource;
using Provisioning.Components.Steps.DeleteResources;

namespace Provisioning.Components.Operations;

/// <summary>A finished operation as its success event reports it: the tenant after the steps, and the steps that ran.</summary>
public sealed record OperationResult
{
    public Guid CommandId { get; init; }

    public TenantView Tenant { get; init; } = new();

    public IReadOnlyList<TenantStep> Steps { get; init; } = [];

    /// <summary>The etag Cloudflare gave the last upload of the tenant's script.</summary>
    public string? ScriptEtag { get; init; }

    /// <summary>Ledger rows that this operation's delete steps deleted (not those that were already gone).</summary>
    public IEnumerable<OwnedResource> DeletedResources => DeletedByThisOperation.Where(r => r.CloudflareId is not null);

    /// <summary>Ledger rows this operation's delete steps found already gone (no Cloudflare id: never created, or 404).</summary>
    public IEnumerable<OwnedResource> AlreadyGoneResources => DeletedByThisOperation.Where(r => r.CloudflareId is null);

    IEnumerable<OwnedResource> DeletedByThisOperation =>
        Tenant.Resources.Where(r => r.State == OwnedResourceState.Deleted
            && ToDelete.Any(s => s.ResourceType == r.ResourceType && s.ResourceName == r.Name));

    // A deprovision planned before DeleteResources has one DeleteResource step per resource.
    IEnumerable<ResourceToDelete> ToDelete =>
        Steps.OfType<DeleteResources>().SelectMany(s => s.Resources)
            .Concat(Steps.OfType<DeleteResource>().Select(s => new ResourceToDelete(s.ResourceType, s.ResourceName)));
}
