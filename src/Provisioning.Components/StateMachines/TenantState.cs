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

    /// <summary>The command type being carried out (for example <c>DeployScript</c>), for status and logs.</summary>
    public string? CurrentOperation { get; set; }

    /// <summary>The lifecycle state the operation runs in and where it leaves the tenant.</summary>
    public OperationKind? OperationKind { get; set; }

    /// <summary>The operation's step records (<see cref="StepPlan"/>); <see cref="StepIndex"/> is the next one to run.</summary>
    public string? StepPlanJson { get; set; }

    public int StepIndex { get; set; }

    /// <summary>The undo step records planned when a step failed; <see cref="CompensationIndex"/> is the next one.</summary>
    public string? CompensationPlanJson { get; set; }

    public int CompensationIndex { get; set; }

    public bool CompensationFailed { get; set; }

    public string? FailedStep { get; set; }

    public int? FailureCode { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>Why the latest attempt at the undo failed (replaced, not appended, on every retry).</summary>
    public string? CompensationFailureReason { get; set; }

    /// <summary>Cloudflare's etag of the script's latest upload.</summary>
    public string? ScriptEtag { get; set; }

    /// <summary>
    /// Since when the running step has waited for the Cloudflare API budget past the client's threshold; null when it
    /// does not wait. Written by the step (<c>StepBudgetWaits</c>), possibly on another replica, so status can show it.
    /// </summary>
    public DateTime? BudgetWaitSince { get; set; }

    /// <summary>The priority that wait is at: <c>Foreground</c> or <c>Background</c>.</summary>
    public string? BudgetWaitPriority { get; set; }

    /// <summary>
    /// When the running step last said it is alive while waiting for the budget: at a wait's start and end and every
    /// <c>Provisioning:BudgetWaitHeartbeatInterval</c> in between. The stalled-work sweep leaves an operation with a
    /// fresh heartbeat alone. Cleared when the saga sends a step.
    /// </summary>
    public DateTime? BudgetWaitHeartbeat { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented by <c>ProvisioningDbContext</c> on every update.</summary>
    public long Version { get; set; }

    /// <summary>The failure as reported: the step's error, and the undo's when that failed too.</summary>
    public string? FailureText => CompensationFailureReason is null ? FailureReason : $"{FailureReason} Compensation failed: {CompensationFailureReason}";
}
