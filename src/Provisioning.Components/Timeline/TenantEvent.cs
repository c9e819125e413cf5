namespace Provisioning.Components.Timeline;

/// <summary>
/// One entry of a tenant's timeline: what happened to a command, a step or a compensation, written in the same
/// SaveChanges as the saga transition (or the stored command) it describes. Names and Cloudflare's error code and
/// message only: never a payload, a script body or a secret value.
/// </summary>
public sealed class TenantEvent
{
    /// <summary>Insertion order; also the paging cursor of GetTenantTimeline.</summary>
    public long Id { get; set; }

    public string TenantId { get; set; } = "";

    public DateTime At { get; set; }

    /// <summary>One of <see cref="TenantEventKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public Guid? CommandId { get; set; }

    public string? CommandType { get; set; }

    public string? Step { get; set; }

    public int? StepIndex { get; set; }

    /// <summary>The step belongs to the undo plan.</summary>
    public bool Undo { get; set; }

    /// <summary>The resource or script the step works on ("kv_namespace wfp-acme-cache (id 1f2e...)").</summary>
    public string? Resource { get; set; }

    /// <summary>The command's end status (Succeeded, Failed, Rejected).</summary>
    public string? Status { get; set; }

    public string? OutcomeType { get; set; }

    public int? ErrorCode { get; set; }

    public string? Message { get; set; }
}
