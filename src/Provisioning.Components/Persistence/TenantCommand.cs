using System.Text.Json;
using MassTransit.Serialization;
using Provisioning.Components.Maintenance;

namespace Provisioning.Components.Persistence;

/// <summary>
/// A command as received, stored before it runs: the per-tenant queue, the idempotency record (by sender's
/// <see cref="CommandId"/>) and the tenant's history.
/// </summary>
public sealed class TenantCommand
{
    public Guid CommandId { get; set; }

    public string TenantId { get; set; } = "";

    /// <summary>The contract type name, for example <c>AttachBinding</c>.</summary>
    public string CommandType { get; set; } = "";

    /// <summary>The command as JSON; secret values are removed once the operation has ended.</summary>
    public string PayloadJson { get; set; } = "";

    /// <summary>The sender's send time: commands of one tenant run in this order.</summary>
    public DateTime? SentTime { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>Tie-break after <see cref="SentTime"/>: a monotonic number assigned by the receiver.</summary>
    public long Sequence { get; set; }

    public TenantCommandStatus Status { get; set; }

    /// <summary>The outcome event type once the command has ended, for example <c>BindingAttached</c>.</summary>
    public string? OutcomeType { get; set; }

    /// <summary>The outcome event as JSON, re-published when the same CommandId arrives again.</summary>
    public string? OutcomeJson { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Optimistic concurrency token: the saga and the parked-command sweeper may race on a row.</summary>
    public long Version { get; set; }

    /// <summary>
    /// Ends the command with its outcome, stored so a repeated CommandId re-publishes it, and scrubs secret values from
    /// the payload: the history keeps names, never values.
    /// </summary>
    public void End(TenantCommandStatus status, ICommandOutcome outcome, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Status = status;
        OutcomeType = outcome.GetType().Name;
        OutcomeJson = JsonSerializer.Serialize(outcome, outcome.GetType(), SystemTextJsonMessageSerializer.Options);
        EndedAt = now;
        PayloadJson = CommandScrubber.WithoutSecrets(PayloadJson);
    }
}
