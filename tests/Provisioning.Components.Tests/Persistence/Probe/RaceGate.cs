using System.Collections.Concurrent;

namespace Provisioning.Components.Tests.Persistence.Probe;

/// <summary>
/// Holds the first deliveries for one saga id until <see cref="Parties"/> of them have arrived, so two initiating
/// events are guaranteed to both miss the instance and both try to insert it.
/// </summary>
public static class RaceGate
{
    public const string NamePrefix = "race:";
    const int Parties = 2;

    static readonly ConcurrentDictionary<Guid, Gate> Gates = new();

    public static Task ArriveAsync(Guid correlationId, CancellationToken cancellationToken) =>
        Gates.GetOrAdd(correlationId, _ => new Gate()).ArriveAsync(cancellationToken);

    sealed class Gate
    {
        readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _arrived;

        public Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) >= Parties)
            {
                _open.TrySetResult();
            }

            // A delivery that waits in vain fails the test through its fault instead of hanging it.
            return _open.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }
    }
}
