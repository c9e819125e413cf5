namespace Provisioning.Contracts;

/// <summary>
/// Operator command: re-runs the remaining undo steps of a tenant whose compensation failed (state
/// <c>CompensationFailed</c>), for example after the Cloudflare problem behind it was fixed. Ignored in any other state.
/// When the undo completes, the failed operation's failure event is published again with <c>CompensationFailed = false</c>.
/// </summary>
public sealed record RetryCompensation
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";
}
