namespace Provisioning.Contracts;

/// <summary>
/// Deletes a tenant's script and every resource the worker created for it.
/// Answered by <see cref="TenantDeprovisioned"/>, <see cref="TenantDeprovisioningFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record DeprovisionTenant : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";
}
