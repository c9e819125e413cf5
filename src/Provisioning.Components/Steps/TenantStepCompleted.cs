namespace Provisioning.Components.Steps;

/// <summary>A step command was carried out. The saga matches it to its current step by CommandId, index and mode.</summary>
public sealed record TenantStepCompleted
{
    public Guid CorrelationId { get; init; }

    public Guid CommandId { get; init; }

    public string Step { get; init; } = "";

    public int StepIndex { get; init; }

    public bool Compensating { get; init; }

    /// <summary>Cloudflare's etag after an upload.</summary>
    public string? Etag { get; init; }
}
