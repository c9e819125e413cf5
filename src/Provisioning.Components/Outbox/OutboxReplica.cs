namespace Provisioning.Components.Outbox;

/// <summary>
/// This process's name in the outbox: stamped on the rows it writes and on its relay's claims, so a relay can tell
/// rows its own replica owes from rows another (possibly dead) replica left behind.
/// </summary>
public sealed class OutboxReplica
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
