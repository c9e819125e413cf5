namespace Provisioning.Components.StateMachines;

/// <summary>
/// Tells the tenant saga that a command was stored in TenantCommands and waits to run. Published again when a
/// repeat of a still-queued command arrives, since the first publish may have been lost after the row was saved.
/// </summary>
public sealed record TenantCommandQueued
{
    public Guid CorrelationId { get; init; }

    public string TenantId { get; init; } = "";

    public Guid CommandId { get; init; }

    public string CommandType { get; init; } = "";
}
