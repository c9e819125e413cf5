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

/// <summary>A step could not be carried out (after its in-process retries, when the cause was transient).</summary>
public sealed record TenantStepFailed
{
    public Guid CorrelationId { get; init; }

    public Guid CommandId { get; init; }

    public string Step { get; init; } = "";

    public int StepIndex { get; init; }

    public bool Compensating { get; init; }

    /// <summary>Cloudflare's error code, when the failure came from Cloudflare.</summary>
    public int? ErrorCode { get; init; }

    public string ErrorMessage { get; init; } = "";

    /// <summary>True when the cause was transient and the step's retries ran out.</summary>
    public bool Transient { get; init; }
}
