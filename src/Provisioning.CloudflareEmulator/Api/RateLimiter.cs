namespace Provisioning.CloudflareEmulator.Api;

internal sealed record RateLimitDecision(bool Allowed, RateLimitOptions Policy, int Remaining, int SecondsToReset, DateTimeOffset ResetAt);

/// <summary>
/// Cloudflare's per-user budget as a fixed window per token. With lockout on, the first refused call blocks the
/// token for LockoutSeconds ("all API calls for the next five minutes will be blocked", docs/emulator.md).
/// </summary>
internal sealed class RateLimiter(EmulatorOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private RateLimitOptions _policy = Copy(options.RateLimit);

    public RateLimitOptions Policy
    {
        get
        {
            lock (_gate)
            {
                return Copy(_policy);
            }
        }
    }

    public void Configure(RateLimitOptions policy)
    {
        lock (_gate)
        {
            _policy = Copy(policy);
            _buckets.Clear();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    public RateLimitDecision? Consume(string tokenKey)
    {
        lock (_gate)
        {
            var policy = _policy;
            if (!policy.Enabled)
            {
                return null;
            }

            var now = time.GetUtcNow();
            var window = TimeSpan.FromSeconds(Math.Max(1, policy.WindowSeconds));
            if (!_buckets.TryGetValue(tokenKey, out var bucket))
            {
                bucket = new Bucket { WindowStart = now };
                _buckets[tokenKey] = bucket;
            }

            // A lockout outlasts the window it started in, so it is checked before the window rolls over.
            if (bucket.LockedUntil is { } lockedUntil)
            {
                if (now < lockedUntil)
                {
                    return Refused(policy, lockedUntil, now);
                }

                bucket.LockedUntil = null;
                bucket.WindowStart = now;
                bucket.Count = 0;
            }
            else if (now >= bucket.WindowStart + window)
            {
                bucket.WindowStart = now;
                bucket.Count = 0;
            }

            var windowEnd = bucket.WindowStart + window;
            if (bucket.Count >= policy.Requests)
            {
                if (policy.LockoutEnabled)
                {
                    bucket.LockedUntil = now + TimeSpan.FromSeconds(Math.Max(1, policy.LockoutSeconds));
                    return Refused(policy, bucket.LockedUntil.Value, now);
                }

                return Refused(policy, windowEnd, now);
            }

            bucket.Count++;
            return new RateLimitDecision(true, policy, policy.Requests - bucket.Count, SecondsUntil(windowEnd, now), windowEnd);
        }
    }

    private static RateLimitDecision Refused(RateLimitOptions policy, DateTimeOffset until, DateTimeOffset now) =>
        new(false, policy, 0, SecondsUntil(until, now), until);

    // Retry-After is "seconds, rounded up" (docs/emulator.md).
    private static int SecondsUntil(DateTimeOffset until, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));

    private static RateLimitOptions Copy(RateLimitOptions source) => new()
    {
        Enabled = source.Enabled,
        Requests = source.Requests,
        WindowSeconds = source.WindowSeconds,
        LockoutEnabled = source.LockoutEnabled,
        LockoutSeconds = source.LockoutSeconds,
    };

    private sealed class Bucket
    {
        public DateTimeOffset WindowStart { get; set; }
        public int Count { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
