namespace Provisioning.Components.Steps;

/// <summary>What every step consumer needs besides its own services.</summary>
public sealed class StepContext(ILogger<StepContext> logger, ProvisioningMetrics metrics, IOptions<ProvisioningOptions> options,
    IOptions<CloudflareOptions> cloudflare, TimeProvider time)
{
    public ILogger Logger { get; } = logger;

    public ProvisioningMetrics Metrics { get; } = metrics;

    public ProvisioningOptions Options { get; } = options.Value;

    /// <summary>The client's settings; steps read <see cref="CloudflareOptions.OutagePatience"/> and the back-off from it.</summary>
    public CloudflareOptions Cloudflare { get; } = cloudflare.Value;

    public TimeProvider Time { get; } = time;
}
