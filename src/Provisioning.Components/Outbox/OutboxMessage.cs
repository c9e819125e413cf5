namespace Provisioning.Components.Outbox;

/// <summary>
/// A message owed to the bus, written in the same SaveChanges as the state change that owes it and published by the
/// <see cref="OutboxRelay"/> afterwards. <see cref="Body"/> is the concrete message in MassTransit's JSON shape.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The concrete CLR type, "Namespace.Type, Assembly": what the relay deserializes and publishes as.</summary>
    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    public string? TenantId { get; set; }

    public Guid? CommandId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The replica whose transaction wrote the row (<see cref="OutboxReplica.Name"/>).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>How many times a relay claimed the row; above 1 it was claimed by a relay that never marked it.</summary>
    public int Attempts { get; set; }

    /// <summary>The claim of the relay publishing the row; the claim is void once <see cref="LockedUntil"/> has passed.</summary>
    public string? LockedBy { get; set; }

    public DateTime? LockedUntil { get; set; }

    /// <summary>Set once published; dispatched rows are kept for <c>Outbox:Retention</c> for diagnosis.</summary>
    public DateTime? DispatchedAt { get; set; }
}
