namespace Provisioning.Contracts;

/// <summary>One command of a tenant's history, as reported by <see cref="TenantStatus"/>.</summary>
public sealed record CommandInfo
{
    /// <summary>The sender's command id.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The command type (for example <c>DeployScript</c>).</summary>
    public string CommandType { get; init; } = "";

    /// <summary><c>Queued</c>, <c>Parked</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Rejected</c>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The outcome event type, once there is one.</summary>
    public string? OutcomeType { get; init; }

    /// <summary>When the worker received the command (UTC).</summary>
    public DateTime ReceivedAt { get; init; }

    /// <summary>When the command ended (UTC).</summary>
    public DateTime? EndedAt { get; init; }
}
