namespace Provisioning.Components.Operations;

/// <summary>Which lifecycle state an operation runs in, and where success and failure leave the tenant.</summary>
public enum OperationKind
{
    /// <summary>Runs in Provisioning; success leaves the tenant Active, a failure with everything undone leaves it Failed.</summary>
    Provision,

    /// <summary>Runs in Updating; success or failure leaves the tenant Active.</summary>
    Update,

    /// <summary>Runs in Deprovisioning; success leaves the tenant Deprovisioned. Background work for the request budget.</summary>
    Deprovision,
}
