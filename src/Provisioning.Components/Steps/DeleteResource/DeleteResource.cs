namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>
/// Deletes one ledger resource, found by type and name (detach with delete, deprovision, and the undo of a create).
/// An adopted resource is never deleted; with <see cref="OnlyIfCreatedByThisCommand"/> neither is one that another
/// command created.
/// </summary>
public sealed record DeleteResource : TenantStep
{
    public string ResourceType { get; init; } = "";

    public string ResourceName { get; init; } = "";

    public bool OnlyIfCreatedByThisCommand { get; init; }
}
