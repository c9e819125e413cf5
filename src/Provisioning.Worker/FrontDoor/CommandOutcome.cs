using System.Text.Json;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// An outcome event seen by this worker: its contract name, whether it is a success, the event itself, and its
/// <see cref="Sequence"/> in this worker (grows with every outcome seen; a re-published outcome gets a higher one).
/// </summary>
public sealed record CommandOutcome(Guid CommandId, string TenantId, string OutcomeType, bool Succeeded, JsonElement Outcome, DateTimeOffset ReceivedAt,
    long Sequence);
