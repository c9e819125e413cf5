using System.Text.Json.Serialization;

namespace Provisioning.Components.Steps.CreateResource;

/// <summary>One KV namespace, D1 database or R2 bucket a step creates (or adopts) under its deterministic name.</summary>
public sealed record ResourceToCreate
{
    public string ResourceType { get; init; } = "";

    public string ResourceName { get; init; } = "";

    public string BindingName { get; init; } = "";

    public string? LocationHint { get; init; }

    public string? Jurisdiction { get; init; }

    /// <summary>Deletes what the creating command created; an adopted resource, or one another command created, is kept.</summary>
    public DeleteResource.DeleteResource Undo() => new()
    {
        ResourceType = ResourceType, ResourceName = ResourceName, OnlyIfCreatedByThisCommand = true,
    };

    [JsonIgnore]
    public string Description => $"{ResourceType} {ResourceName}";
}
