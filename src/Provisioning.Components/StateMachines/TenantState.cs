using MassTransit;

namespace Provisioning.Components.StateMachines;

/// <summary>The tenant saga instance: one per tenant, addressed by <c>TenantIds.ToCorrelationId(TenantId)</c>.</summary>
public sealed class TenantState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string? DispatchNamespace { get; set; }

    public string? ScriptName { get; set; }

    // The operation being carried out: one at a time per tenant.
    public Guid? CurrentCommandId { get; set; }

    public string? CurrentOperation { get; set; }

    /// <summary>The steps computed when the operation started, serialized; <see cref="StepIndex"/> is the next one to run.</summary>
    public string? StepPlanJson { get; set; }

    public int StepIndex { get; set; }

    /// <summary>The undo steps computed when compensation started, serialized; <see cref="CompensationIndex"/> is the next one.</summary>
    public string? CompensationPlanJson { get; set; }

    public int CompensationIndex { get; set; }

    public bool CompensationFailed { get; set; }

    public string? FailedStep { get; set; }

    public int? FailureCode { get; set; }

    public string? FailureReason { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? OperationStartedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented by <c>ProvisioningDbContext</c> on every update.</summary>
    public long Version { get; set; }
}
