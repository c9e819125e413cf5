namespace Provisioning.Cloudflare.Budget;

/// <summary>
/// The budget in this process only: right for a single node (the embedded SQLite default). Several replicas need a
/// shared store, or each would spend the whole account budget.
/// </summary>
internal sealed class InProcessRequestBudgetStore(TimeProvider timeProvider) : IRequestBudgetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask<RequestBudgetGrant> TakeAsync(RequestBudgetTake take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(take);

        // The clock is read outside the lock: a fake clock may run timer callbacks under its own lock.
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var bucket = Refilled(take.AccountId, take.Limits, now);
            var granted = 0;
            TimeSpan retryAfter;
            if (now < bucket.PausedUntil)
            {
                retryAfter = bucket.PausedUntil - now + take.Limits.TimeFor(1 - bucket.Tokens);
            }
            else
            {
                var heldBack = take.Priority == RequestPriority.Background && bucket.ForegroundWaitingUntil > now;
                var floor = heldBack ? take.Reserve : 0;
                granted = RequestBudgetRules.Grantable(bucket.Tokens, floor, take.Count);
                bucket.Tokens -= granted;
                retryAfter = granted < take.Count ? take.Limits.TimeFor(floor + 1 - bucket.Tokens) : TimeSpan.Zero;
                if (heldBack && granted < take.Count && bucket.ForegroundWaitingUntil - now < retryAfter)
                {
                    retryAfter = bucket.ForegroundWaitingUntil - now;
                }
            }

            if (take.Priority == RequestPriority.Foreground && granted < take.Count)
            {
                var until = now + retryAfter + RequestBudgetRules.ForegroundHold;
                bucket.ForegroundWaitingUntil = until > bucket.ForegroundWaitingUntil ? until : bucket.ForegroundWaitingUntil;
            }

            return ValueTask.FromResult(new RequestBudgetGrant(granted, bucket.Tokens, retryAfter));
        }
    }

    public ValueTask PauseAsync(string accountId, RequestBudgetLimits limits, TimeSpan pause, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var bucket = Refilled(accountId, limits, now);
            var until = now + pause;
            if (until > bucket.PausedUntil)
            {
                bucket.PausedUntil = until;
                bucket.Tokens = 1;
                bucket.RefilledAt = until > bucket.RefilledAt ? until : bucket.RefilledAt;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask LimitAsync(string accountId, RequestBudgetLimits limits, int remaining, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var bucket = Refilled(accountId, limits, now);
            bucket.Tokens = Math.Min(bucket.Tokens, remaining);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<RequestBudgetReading> ReadAsync(string accountId, RequestBudgetLimits limits, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var bucket = Refilled(accountId, limits, now);
            return ValueTask.FromResult(new RequestBudgetReading(bucket.Tokens, now < bucket.PausedUntil ? bucket.PausedUntil : null));
        }
    }

    private Bucket Refilled(string accountId, RequestBudgetLimits limits, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(accountId, out var bucket))
        {
            bucket = new Bucket { Tokens = limits.Capacity, RefilledAt = now };
            _buckets[accountId] = bucket;
        }

        // RefilledAt lies in the future during a pause: nothing accrues until it ends.
        if (now > bucket.RefilledAt)
        {
            bucket.Tokens += (now - bucket.RefilledAt).Ticks / limits.TicksPerToken;
            bucket.RefilledAt = now;
        }

        bucket.Tokens = Math.Min(bucket.Tokens, limits.Capacity);
        return bucket;
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset RefilledAt { get; set; }

        public DateTimeOffset PausedUntil { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset ForegroundWaitingUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
