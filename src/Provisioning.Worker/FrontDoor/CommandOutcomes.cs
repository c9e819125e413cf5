using System.Collections.Concurrent;
using System.Text.Json;
using Provisioning.Contracts;
using Provisioning.Messaging;

namespace Provisioning.Worker.FrontDoor;

/// <summary>
/// The outcome events this worker has seen, by CommandId, for GET /commands/{id}. The latest outcome of a CommandId
/// wins (RetryCompensation re-publishes the failed command's outcome), numbered so a waiter can tell it from the one
/// before. Bounded: the oldest entries go first once <see cref="Capacity"/> is reached (the command store keeps the
/// durable history).
/// </summary>
public sealed class CommandOutcomes(TimeProvider time)
{
    public const int Capacity = 10_000;

    readonly ConcurrentDictionary<Guid, CommandOutcome> _outcomes = new();
    readonly ConcurrentQueue<Guid> _order = new();
    long _sequence;

    public void Record(ICommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var entry = new CommandOutcome(outcome.CommandId, outcome.TenantId, outcome.GetType().Name, CommandOutcomeTypes.Succeeded(outcome),
            JsonSerializer.SerializeToElement(outcome, outcome.GetType(), JsonSerializerOptions.Web), time.GetUtcNow(), Interlocked.Increment(ref _sequence));
        var first = true;
        _outcomes.AddOrUpdate(outcome.CommandId, entry, (_, _) =>
        {
            first = false;
            return entry;
        });
        if (first)
        {
            _order.Enqueue(outcome.CommandId);
            while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
            {
                _outcomes.TryRemove(oldest, out _);
            }
        }
    }

    public CommandOutcome? Find(Guid commandId) => _outcomes.GetValueOrDefault(commandId);
}
