namespace Provisioning.Components.Steps.CreateResource;

/// <summary>Creates (or adopts) one KV namespace, D1 database or R2 bucket under its deterministic name.</summary>
public sealed record CreateResource : TenantStep
{
    public string ResourceType { get; init; } = "";

    public string Name { get; init; } = "";

    public string BindingName { get; init; } = "";

    public string? LocationHint { get; init; }

    public string? Jurisdiction { get; init; }
}
