namespace Provisioning.Components.StateMachines;

/// <summary>From <see cref="Maintenance.StalledWorkSweeper"/> or an operator's ResumeTenant: the tenant's operation made no progress for too long; send its current step again.</summary>
public sealed record ResumeTenantOperation
{
    public Guid CorrelationId { get; init; }

    /// <summary>How long the operation must have been silent; null: <c>Provisioning:StalledOperationTimeout</c> (the operator's ResumeTenant may ask for less).</summary>
    public TimeSpan? IdleFor { get; init; }
}
