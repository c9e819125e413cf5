namespace Provisioning.Components.StateMachines;

/// <summary>From <see cref="StalledWorkSweeper"/>: the tenant's operation made no progress for too long; send its current step again.</summary>
public sealed record ResumeTenantOperation
{
    public Guid CorrelationId { get; init; }
}
