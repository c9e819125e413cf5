namespace Provisioning.Components.Steps.CreateResource;

/// <summary>
/// Creates (or adopts) one KV namespace, D1 database or R2 bucket under its deterministic name. Plans made since
/// <see cref="CreateResources.CreateResources"/> exists use that step; this one stays so a plan stored by an earlier
/// version (an operation running across an upgrade) still runs.
/// </summary>
public sealed record CreateResource : TenantStep
{
    public string ResourceType { get; init; } = "";

    public string ResourceName { get; init; } = "";

    public string BindingName { get; init; } = "";

    public string? LocationHint { get; init; }

    public string? Jurisdiction { get; init; }

    public ResourceToCreate Resource => new()
    {
        ResourceType = ResourceType, ResourceName = ResourceName, BindingName = BindingName, LocationHint = LocationHint, Jurisdiction = Jurisdiction,
    };

    /// <summary>Deletes what this command created; an adopted resource, or one another command created, is kept.</summary>
    public override IReadOnlyList<TenantStep> Undo() => [Resource.Undo()];

    // The create call may have succeeded before the failure (a lost answer): its undo finds it by name.
    public override bool UndoEvenIfFailed => true;
}
