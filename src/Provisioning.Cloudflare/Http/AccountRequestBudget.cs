namespace Provisioning.Cloudflare.Http;

/// <summary>
/// The account-wide request budget of this process: a token bucket that makes callers wait for a token
/// instead of sending, so we slow down before Cloudflare's 1,200-per-5-minutes limit and its 5-minute lockout.
/// </summary>
/// <remarks>
/// Capacity is the burst B and the bucket refills continuously at (budget - B) per window, so any window sees at most
/// B + (budget - B) = budget requests. Reservations may drive the balance negative: each caller gets its own slot
/// in order, and a drain (a 429, or <c>Ratelimit</c> saying r=0) shifts every pending slot by the time it adds.
/// </remarks>
internal sealed class AccountRequestBudget
{
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _configuredCapacity;
    private readonly double _configuredTicksPerToken;

    private double _capacity;
    // Refill speed as ticks per token (not tokens per second) so slot times are exact multiples, not rounded floats.
    private double _ticksPerToken;
    private double _tokens;
    private DateTimeOffset _lastRefill;
    private DateTimeOffset _blockedUntil;
    private TimeSpan _pausedTotal;

    public AccountRequestBudget(int budget, TimeSpan window, int burst, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _configuredCapacity = _capacity = burst;
        _configuredTicksPerToken = _ticksPerToken = (double)window.Ticks / (budget - burst);
        _tokens = burst;
        _lastRefill = _blockedUntil = timeProvider.GetUtcNow();
    }

    /// <summary>Tokens available now (negative: callers are queued). For diagnostics and tests.</summary>
    public double Available
    {
        get
        {
            var now = _timeProvider.GetUtcNow();
            lock (_gate)
            {
                Refill(now);
                return _tokens;
            }
        }
    }

    /// <summary>Waits for a token.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        var (readyAt, paused) = Reserve();
        try
        {
            while (true)
            {
                var now = _timeProvider.GetUtcNow();
                var due = readyAt + (PausedTotal - paused);
                if (due <= now)
                {
                    return;
                }

                await Task.Delay(due - now, _timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            Refund();
            throw;
        }
    }

    /// <summary>
    /// Takes a token without waiting and says how long until its slot. Retries use this so the budget wait is
    /// folded into the retry delay rather than added to it.
    /// </summary>
    public TimeSpan ReserveDelay()
    {
        var (readyAt, _) = Reserve();
        var wait = readyAt - _timeProvider.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Stop sending until <paramref name="until"/>; after it, start again with at most one token.</summary>
    public void Drain(DateTimeOffset until)
    {
        // The clock is read outside the lock: a fake clock may run timer callbacks (which take this lock) under its own.
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Refill(now);
            var from = _blockedUntil > now ? _blockedUntil : now;
            if (until <= from)
            {
                return;
            }

            var extension = until - from;
            _blockedUntil = until;
            _pausedTotal += extension;
            _lastRefill = (_lastRefill > now ? _lastRefill : now) + extension;

            // Queued callers keep their order (shifted above); otherwise exactly one request may go when the pause ends.
            _tokens = _tokens < 0 ? _tokens : 1;
        }
    }

    /// <summary>Cloudflare says only <paramref name="remaining"/> requests are left until <paramref name="reset"/>.</summary>
    public void ObserveRemaining(int remaining, TimeSpan reset)
    {
        if (remaining <= 0)
        {
            Drain(_timeProvider.GetUtcNow() + reset);
            return;
        }

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Refill(now);
            _tokens = Math.Min(_tokens, remaining);
        }
    }

    /// <summary>Cloudflare's policy allows <paramref name="quota"/> per <paramref name="window"/>: follow it when stricter than ours, never looser.</summary>
    public void ObservePolicy(int quota, TimeSpan window)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Refill(now);
            var capacity = Math.Min(_configuredCapacity, Math.Max(1, quota - 1));
            var ticksPerToken = (double)window.Ticks / Math.Max(1, quota - capacity);
            if (ticksPerToken > _configuredTicksPerToken)
            {
                _capacity = capacity;
                _ticksPerToken = ticksPerToken;
            }
            else
            {
                _capacity = _configuredCapacity;
                _ticksPerToken = _configuredTicksPerToken;
            }

            _tokens = Math.Min(_tokens, _capacity);
        }
    }

    private TimeSpan PausedTotal
    {
        get
        {
            lock (_gate)
            {
                return _pausedTotal;
            }
        }
    }

    private (DateTimeOffset ReadyAt, TimeSpan Paused) Reserve()
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            Refill(now);
            _tokens -= 1;
            var start = _lastRefill > now ? _lastRefill : now;
            var readyAt = _tokens >= 0 ? start : _lastRefill + TimeSpan.FromTicks((long)Math.Ceiling(-_tokens * _ticksPerToken));
            if (readyAt < _blockedUntil)
            {
                readyAt = _blockedUntil;
            }

            return (readyAt, _pausedTotal);
        }
    }

    private void Refund()
    {
        lock (_gate)
        {
            _tokens = Math.Min(_tokens + 1, _capacity);
        }
    }

    private void Refill(DateTimeOffset now)
    {
        if (now <= _lastRefill)
        {
            return;
        }

        _tokens = Math.Min(_capacity, _tokens + ((now - _lastRefill).Ticks / _ticksPerToken));
        _lastRefill = now;
    }
}
