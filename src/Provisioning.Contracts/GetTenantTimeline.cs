namespace Provisioning.Contracts;

/// <summary>
/// Asks for a tenant's timeline, newest first (request/response): every command, step, Cloudflare error and
/// compensation the worker recorded. Answered by <see cref="TenantTimeline"/> or <see cref="TenantNotFound"/>.
/// </summary>
public sealed record GetTenantTimeline
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>At most this many entries (1 to 500); null means 100.</summary>
    public int? Limit { get; init; }

    /// <summary>Only entries older than this <see cref="TenantTimelineEntry.Id"/>: the previous answer's <see cref="TenantTimeline.NextBefore"/>.</summary>
    public long? Before { get; init; }
}
