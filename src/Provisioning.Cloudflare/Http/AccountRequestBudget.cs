using Provisioning.Cloudflare.Budget;

namespace Provisioning.Cloudflare.Http;

/// <summary>
/// This replica's side of one account's request budget: callers queue here by priority, and one pump takes tokens from
/// the <see cref="IRequestBudgetStore"/> for the callers at the head of the queue, sleeping while the store has none.
/// </summary>
/// <remarks>
/// Tokens are taken only for callers already waiting and handed over at once, never kept for later: a token spent
/// later than it was issued could put more than the budget into one window, and a replica that dies holds nothing the
/// others miss. One pump per account keeps the store's load at one round trip per grant (or per sleep), however many callers wait.
/// </remarks>
internal sealed class AccountRequestBudget
{
    // Callers served per round trip when many wait, e.g. after a pause; small, so replicas take turns.
    private const int MaxBatch = 8;

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _foreground = new();
    private readonly LinkedList<Waiter> _background = new();
    private readonly IRequestBudgetStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly RequestBudgetLimits _configured;
    private readonly double _reserveFraction;
    private readonly TimeSpan _windowPadding;
    private RequestBudgetLimits _limits;
    private double _tokens;
    private bool _pumping;
    private RequestPriority _serving;
    private TaskCompletionSource _foregroundArrived = NewSignal();

    public AccountRequestBudget(
        string accountId, RequestBudgetLimits limits, TimeSpan windowPadding, double reserveFraction, IRequestBudgetStore store, TimeProvider timeProvider)
    {
        _windowPadding = windowPadding;
        AccountId = accountId;
        _configured = _limits = limits;
        _tokens = limits.Capacity;
        _reserveFraction = reserveFraction;
        _store = store;
        _timeProvider = timeProvider;
    }

    public string AccountId { get; }

    /// <summary>Tokens left as the store last reported them.</summary>
    public double Tokens => Volatile.Read(ref _tokens);

    /// <summary>The bucket's shape now: the configured one, or Cloudflare's stricter policy.</summary>
    public RequestBudgetLimits Limits
    {
        get
        {
            lock (_gate)
            {
                return _limits;
            }
        }
    }

    /// <summary>Waits for a token. A <paramref name="retry"/> goes to the head of its priority's queue: it already waited once.</summary>
    public async ValueTask<RequestBudgetWait> AcquireAsync(RequestPriority priority, bool retry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var start = _timeProvider.GetUtcNow();
        var waiter = new Waiter();
        bool startPump;
        lock (_gate)
        {
            var lane = priority == RequestPriority.Foreground ? _foreground : _background;
            waiter.Node = retry ? lane.AddFirst(waiter) : lane.AddLast(waiter);
            startPump = !_pumping;
            _pumping = true;
            if (priority == RequestPriority.Foreground && _serving == RequestPriority.Background)
            {
                // The pump may be sleeping on background's reserve rule, which foreground work does not obey.
                _foregroundArrived.TrySetResult();
            }
        }

        if (startPump)
        {
            _ = Task.Run(PumpAsync, CancellationToken.None);
        }

        using (cancellationToken.Register(() => Cancel(waiter, cancellationToken)))
        {
            await waiter.Granted.Task.ConfigureAwait(false);
        }

        return new RequestBudgetWait(_timeProvider.GetUtcNow() - start, waiter.Delayed);
    }

    /// <summary>Nothing is sent, by any replica sharing the store, until <paramref name="pause"/> has passed.</summary>
    public ValueTask PauseAsync(TimeSpan pause, CancellationToken cancellationToken) =>
        _store.PauseAsync(AccountId, Limits, pause, cancellationToken);

    /// <summary>Cloudflare says only <paramref name="remaining"/> requests are left until <paramref name="reset"/>.</summary>
    public ValueTask ObserveRemainingAsync(int remaining, TimeSpan reset, CancellationToken cancellationToken)
    {
        if (remaining <= 0)
        {
            return PauseAsync(reset, cancellationToken);
        }

        // The bucket never holds more than its capacity: a cap at or above it changes nothing and costs a round trip.
        var limits = Limits;
        return remaining < limits.Capacity ? _store.LimitAsync(AccountId, limits, remaining, cancellationToken) : ValueTask.CompletedTask;
    }

    /// <summary>Cloudflare's policy allows <paramref name="quota"/> per <paramref name="window"/>: follow it when stricter than ours, never looser.</summary>
    public void ObservePolicy(int quota, TimeSpan window)
    {
        var capacity = Math.Min(_configured.Capacity, Math.Max(1, quota - 1));
        var server = new RequestBudgetLimits(capacity, (double)(window + _windowPadding).Ticks / Math.Max(1, quota - capacity));
        lock (_gate)
        {
            _limits = server.TicksPerToken > _configured.TicksPerToken ? server : _configured;
        }
    }

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                RequestPriority priority;
                int count;
                Task foregroundArrived;
                lock (_gate)
                {
                    if (_foreground.Count == 0 && _background.Count == 0)
                    {
                        _pumping = false;
                        return;
                    }

                    priority = _foreground.Count > 0 ? RequestPriority.Foreground : RequestPriority.Background;
                    count = Math.Min((priority == RequestPriority.Foreground ? _foreground : _background).Count, MaxBatch);
                    _serving = priority;
                    if (_foregroundArrived.Task.IsCompleted)
                    {
                        _foregroundArrived = NewSignal();
                    }

                    foregroundArrived = _foregroundArrived.Task;
                }

                var limits = Limits;
                var grant = await _store.TakeAsync(
                    new RequestBudgetTake(AccountId, limits, count, priority, _reserveFraction * limits.Capacity), CancellationToken.None).ConfigureAwait(false);
                Volatile.Write(ref _tokens, grant.Tokens);
                HandOut(grant.Granted, priority);
                if (grant.Granted < count)
                {
                    await SleepAsync(grant.RetryAfter, priority == RequestPriority.Background ? foregroundArrived : null).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            // The store failed (the database is unreachable): the waiting requests fail with it rather than hang.
            List<Waiter> failed;
            lock (_gate)
            {
                failed = [.. _foreground, .. _background];
                _foreground.Clear();
                _background.Clear();
                _pumping = false;
            }

            foreach (var waiter in failed)
            {
                waiter.Granted.TrySetException(ex);
            }
        }
    }

    private void HandOut(int granted, RequestPriority priority)
    {
        lock (_gate)
        {
            // Callers cancelled since the take leave their tokens to the next in line, of either priority; tokens nobody
            // is left to use are dropped, which is safe: an unused token is never a request too many.
            var lanes = priority == RequestPriority.Foreground ? new[] { _foreground, _background } : [_background, _foreground];
            foreach (var lane in lanes)
            {
                while (granted > 0 && lane.First is { } first)
                {
                    lane.RemoveFirst();
                    if (first.Value.Granted.TrySetResult())
                    {
                        granted--;
                    }
                }
            }
        }
    }

    private async Task SleepAsync(TimeSpan delay, Task? wakeEarly)
    {
        lock (_gate)
        {
            foreach (var waiter in _foreground.Concat(_background))
            {
                waiter.Delayed = true;
            }
        }

        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = new CancellationTokenSource();
        var sleep = Task.Delay(delay, _timeProvider, stop.Token);
        await (wakeEarly is null ? sleep : Task.WhenAny(sleep, wakeEarly)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is { } lane)
            {
                lane.Remove(waiter.Node);
            }
        }

        waiter.Granted.TrySetCanceled(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Waiter
    {
        public TaskCompletionSource Granted { get; } = NewSignal();

        public LinkedListNode<Waiter>? Node { get; set; }

        /// <summary>Set when the store had no token while this caller was queued: it waited for the budget, not just for a round trip.</summary>
        public bool Delayed { get; set; }
    }
}
