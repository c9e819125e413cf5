using System.Collections.Concurrent;
using System.Text.Json;

namespace Provisioning.Worker.FrontDoor;

/// <summary>An outcome event seen by this worker: its type name, whether it is a success, and the event itself.</summary>
public sealed record CommandOutcome(Guid CommandId, string TenantId, string OutcomeType, bool Succeeded, JsonElement Outcome, DateTimeOffset ReceivedAt);

/// <summary>
/// The outcome events this worker has seen, by CommandId, for GET /commands/{id}. Bounded: the oldest entries go
/// first once <see cref="Capacity"/> is reached (the command store keeps the durable history).
/// </summary>
public sealed class CommandOutcomes(TimeProvider time)
{
    public const int Capacity = 10_000;

    readonly ConcurrentDictionary<Guid, CommandOutcome> _outcomes = new();
    readonly ConcurrentQueue<Guid> _order = new();

    public void Record<T>(Guid commandId, string tenantId, T outcome, bool succeeded)
        where T : class
    {
        var entry = new CommandOutcome(commandId, tenantId, typeof(T).Name, succeeded,
            JsonSerializer.SerializeToElement(outcome, JsonSerializerOptions.Web), time.GetUtcNow());
        if (_outcomes.TryAdd(commandId, entry))
        {
            _order.Enqueue(commandId);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _outcomes.TryRemove(oldest, out _);
            }
        }
    }

    public CommandOutcome? Find(Guid commandId) => _outcomes.GetValueOrDefault(commandId);
}
