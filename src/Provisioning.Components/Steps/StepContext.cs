namespace Provisioning.Components.Steps;

/// <summary>What every step consumer needs besides its own services.</summary>
public sealed class StepContext(ILogger<StepContext> logger, ProvisioningMetrics metrics, IOptions<ProvisioningOptions> options)
{
    public ILogger Logger { get; } = logger;

    public ProvisioningMetrics Metrics { get; } = metrics;

    public ProvisioningOptions Options { get; } = options.Value;
}
