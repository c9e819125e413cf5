using System.Text.Json;

namespace Provisioning.Worker.FrontDoor;

/// <summary>An outcome event seen by this worker: its contract name, whether it is a success, and the event itself.</summary>
public sealed record CommandOutcome(Guid CommandId, string TenantId, string OutcomeType, bool Succeeded, JsonElement Outcome, DateTimeOffset ReceivedAt);
