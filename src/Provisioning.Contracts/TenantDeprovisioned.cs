namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="DeprovisionTenant"/>: the script and the tenant's own resources are gone.</summary>
public sealed record TenantDeprovisioned : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The resources deleted.</summary>
    public IReadOnlyList<ResourceInfo> DeletedResources { get; init; } = [];

    /// <summary>Resources in the ledger that Cloudflare no longer had when the deprovision came to delete them.</summary>
    public IReadOnlyList<ResourceInfo> AlreadyGoneResources { get; init; } = [];
}
