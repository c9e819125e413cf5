namespace Provisioning.Cloudflare;

/// <summary>Circuit breaker settings: stop calling Cloudflare for a while when most calls fail with 5xx or time out.</summary>
public sealed class CloudflareCircuitBreakerOptions
{
    /// <summary>Failure ratio within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    public int MinimumThroughput { get; set; } = 20;

    /// <summary>Window over which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
