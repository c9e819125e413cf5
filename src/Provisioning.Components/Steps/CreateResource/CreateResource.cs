namespace Provisioning.Components.Steps.CreateResource;

/// <summary>Creates (or adopts) one KV namespace, D1 database or R2 bucket under its deterministic name.</summary>
public sealed record CreateResource : TenantStep
{
    public string ResourceType { get; init; } = "";

    public string ResourceName { get; init; } = "";

    public string BindingName { get; init; } = "";

    public string? LocationHint { get; init; }

    public string? Jurisdiction { get; init; }

    /// <summary>Deletes what this command created; an adopted resource, or one another command created, is kept.</summary>
    public override TenantStep Undo() => new DeleteResource.DeleteResource
    {
        ResourceType = ResourceType, ResourceName = ResourceName, OnlyIfCreatedByThisCommand = true,
    };

    // The create call may have succeeded before the failure (a lost answer): its undo finds it by name.
    public override bool UndoEvenIfFailed => true;
}
