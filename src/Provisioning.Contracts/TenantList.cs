namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="ListTenants"/>.</summary>
public sealed record TenantList
{
    /// <summary>The tenants, ordered by tenant id.</summary>
    public IReadOnlyList<TenantSummary> Tenants { get; init; } = [];
}
