namespace Provisioning.Contracts;

/// <summary>
/// Outcome of a failed <see cref="ProvisionTenant"/>: every resource it created was deleted again (see <see cref="OperationFailed.Compensated"/>) unless <see cref="OperationFailed.CompensationFailed"/> is set.
/// </summary>
public sealed record TenantProvisioningFailed : OperationFailed;
