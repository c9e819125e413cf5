namespace Provisioning.Components.Steps;

/// <summary>A step command was carried out.</summary>
public sealed record TenantStepCompleted : TenantStepResult
{
    /// <summary>Cloudflare's etag after an upload.</summary>
    public string? Etag { get; init; }
}
