namespace Provisioning.Contracts;

/// <summary>One entry of a <see cref="TenantTimeline"/>. Names, codes and messages only, never secret values.</summary>
public sealed record TenantTimelineEntry
{
    /// <summary>Increases with every entry the worker writes; the paging cursor.</summary>
    public long Id { get; init; }

    /// <summary>When the worker recorded it (UTC).</summary>
    public DateTime At { get; init; }

    /// <summary>
    /// CommandQueued, CommandStarted, CommandEnded, StepSent, StepCompleted, StepFailed, CompensationBegan,
    /// CompensationEnded, CompensationFailed or CompensationRetried.
    /// </summary>
    public string Kind { get; init; } = "";

    /// <summary>The command the entry belongs to.</summary>
    public Guid? CommandId { get; init; }

    /// <summary>The command's contract name, for example <c>ProvisionTenant</c>.</summary>
    public string? CommandType { get; init; }

    /// <summary>The step's name, for example <c>CreateResources</c>.</summary>
    public string? Step { get; init; }

    /// <summary>The step's index in its plan (or in the undo plan).</summary>
    public int? StepIndex { get; init; }

    /// <summary>The step is part of the undo plan (compensation).</summary>
    public bool Undo { get; init; }

    /// <summary>The resource or script the step works on, with its Cloudflare id once created.</summary>
    public string? Resource { get; init; }

    /// <summary>CommandEnded: Succeeded, Failed or Rejected.</summary>
    public string? Status { get; init; }

    /// <summary>CommandEnded: the outcome event's contract name.</summary>
    public string? OutcomeType { get; init; }

    /// <summary>Cloudflare's error code, when a Cloudflare call failed.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The error message, the plan of a started command or compensation, or a rejection's reason.</summary>
    public string? Message { get; init; }
}
