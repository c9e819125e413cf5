namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="DeprovisionTenant"/>: some of the tenant's resources may remain; <see cref="TenantStatus"/> lists them.
/// </summary>
public sealed record TenantDeprovisioningFailed : OperationFailed;
