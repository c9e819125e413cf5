namespace Provisioning.Components.Persistence;

public enum OwnedResourceState
{
    /// <summary>Written before the create call, so a crash never leaves a resource the ledger does not know.</summary>
    Creating,
    Created,
    Deleting,
    Deleted,
}
