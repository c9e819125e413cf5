namespace Provisioning.Components.Persistence;

public enum TenantCommandStatus
{
    /// <summary>Stored and waiting for the tenant's current operation to end.</summary>
    Queued,

    /// <summary>For a tenant that does not exist yet: waits for its ProvisionTenant until the grace period ends.</summary>
    Parked,

    Running,
    Succeeded,
    Failed,
    Rejected,
}
