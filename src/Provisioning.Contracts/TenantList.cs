namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="ListTenants"/>.</summary>
public sealed record TenantList
{
    /// <summary>The tenants, ordered by tenant id.</summary>
    public IReadOnlyList<TenantSummary> Tenants { get; init; } = [];

    /// <summary>The Cloudflare API budget of the whole fleet as the answering replica reads it; null from older workers.</summary>
    public FleetBudget? Budget { get; init; }
}
