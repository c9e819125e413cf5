namespace Provisioning.Cloudflare;

/// <summary>Retry settings of the Cloudflare client (HTTP level; keep them short, other layers retry too).</summary>
public sealed class CloudflareRetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Base of the exponential back-off (jittered) used when the response has no <c>Retry-After</c>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the back-off delay.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A 429 whose <c>Retry-After</c> is longer than this is not retried: the caller gets the error at once
    /// (wrangler does the same above 60 s) and the account's request budget stays drained until then.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The back-off before retry <paramref name="attempt"/> (0 = the first retry): <see cref="BaseDelay"/> doubled per
    /// attempt, capped at <see cref="MaxDelay"/>, with "equal jitter" (half fixed, half random) so retries never bunch up at zero.
    /// </summary>
    /// <param name="attempt">Retries already made.</param>
    public TimeSpan Backoff(int attempt)
    {
        var step = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        var capped = Math.Min(step, MaxDelay.TotalMilliseconds);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds((capped / 2) + (Random.Shared.NextDouble() * capped / 2));
#pragma warning restore CA5394
    }
}
