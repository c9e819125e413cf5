namespace Provisioning.Components.Steps.DeleteResource;

/// <summary>Deletes one ledger resource (compensation, detach with delete, deprovision).</summary>
public sealed record DeleteResource : TenantStep
{
    public Guid ResourceId { get; init; }
}
