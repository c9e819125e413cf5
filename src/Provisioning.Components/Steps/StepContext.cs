namespace Provisioning.Components.Steps;

/// <summary>What every step consumer needs besides its own services.</summary>
public sealed class StepContext(ILogger<StepContext> logger, ProvisioningMetrics metrics, IOptions<ProvisioningOptions> options,
    IOptions<CloudflareOptions> cloudflare, TimeProvider time, IDbContextFactory<ProvisioningDbContext> contexts)
{
    public ILogger Logger { get; } = logger;

    public ProvisioningMetrics Metrics { get; } = metrics;

    public ProvisioningOptions Options { get; } = options.Value;

    /// <summary>The client's settings; steps read <see cref="CloudflareOptions.OutagePatience"/> and the back-off from it.</summary>
    public CloudflareOptions Cloudflare { get; } = cloudflare.Value;

    public TimeProvider Time { get; } = time;

    public IDbContextFactory<ProvisioningDbContext> Contexts { get; } = contexts;

    /// <summary>
    /// Whether <paramref name="step"/> is still the step its tenant's saga waits for. Delivery is at least once (a
    /// redelivery after a crash, an outbox row published again after its lease ran out), so a copy can arrive after the
    /// saga moved on; running it then would undo later work (an upload after the deprovision's delete brings the script
    /// back). A step whose saga row is not found runs (nothing says it is stale).
    /// </summary>
    public async Task<bool> IsCurrentAsync(TenantStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        var saga = await db.Tenants.AsNoTracking()
            .Where(x => x.CorrelationId == step.CorrelationId)
            .Select(x => new { x.CurrentCommandId, x.CurrentState, x.StepIndex, x.CompensationIndex })
            .SingleOrDefaultAsync(cancellationToken);
        if (saga is null)
        {
            return true;
        }

        var compensating = saga.CurrentState == nameof(StateMachines.TenantStateMachine.Compensating);
        return saga.CurrentCommandId == step.CommandId && compensating == step.Compensating
            && (compensating ? saga.CompensationIndex : saga.StepIndex) == step.StepIndex;
    }
}
