namespace Provisioning.Contracts;

/// <summary>
/// Operator request (request/response): re-sends the current step (or undo step) of a tenant whose operation has made
/// no progress for at least <see cref="IdleFor"/>, e.g. after a step message was lost. Answered by
/// <see cref="TenantResumed"/>, <see cref="OperatorCommandRefused"/> (not running, or not idle long enough) or
/// <see cref="TenantNotFound"/>. The operation's own outcome event follows as usual.
/// </summary>
public sealed record ResumeTenant
{
    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>How long the operation must have been without progress; null uses the worker's <c>Provisioning:StalledOperationTimeout</c>.</summary>
    public TimeSpan? IdleFor { get; init; }
}
