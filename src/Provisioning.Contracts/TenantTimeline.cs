namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="GetTenantTimeline"/>.</summary>
public sealed record TenantTimeline
{
    /// <summary>The tenant id that was asked for.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The tenant's saga state now.</summary>
    public string State { get; init; } = "";

    /// <summary>Newest first.</summary>
    public IReadOnlyList<TenantTimelineEntry> Entries { get; init; } = [];

    /// <summary>Pass as <see cref="GetTenantTimeline.Before"/> for the next, older page; null when this page reaches the oldest kept entry.</summary>
    public long? NextBefore { get; init; }
}
