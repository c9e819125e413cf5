namespace Provisioning.Components.Operations;

/// <summary>Where a tenant stands between operations, as an operation needs to know it to admit a command.</summary>
public enum TenantLifecycle
{
    /// <summary>No provision has succeeded yet (new, or the last provision failed).</summary>
    NotProvisioned,

    Active,

    Deprovisioned,
}
