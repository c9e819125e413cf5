using Provisioning.Components.Steps;

namespace Provisioning.Components.Operations;

/// <summary>
/// Base of the operations on an existing tenant: they run once it is Active, wait (parked) while it is not provisioned
/// yet, and are rejected once it is deprovisioned. The undo runs the undo of every completed step, newest first.
/// </summary>
public abstract class TenantOperation<TCommand> : ITenantOperation
    where TCommand : class, ITenantCommand
{
    public Type CommandType => typeof(TCommand);

    public abstract OperationKind Kind { get; }

    public virtual Admission Admit(TenantView tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return tenant.Lifecycle switch
        {
            TenantLifecycle.Active => Admission.Run,
            TenantLifecycle.Deprovisioned => Admission.Reject($"Tenant '{tenant.TenantId}' was deprovisioned; send ProvisionTenant first."),
            _ => Admission.Park,
        };
    }

    public virtual IReadOnlyList<TenantStep> PlanUndo(OperationProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var reversible = progress.FailedStep is { UndoEvenIfFailed: true } failed ? progress.CompletedSteps.Append(failed) : progress.CompletedSteps;
        return reversible.Reverse().SelectMany(x => x.Undo()).ToList();
    }

    public abstract OperationFailed FailureEvent();

    OperationPlan ITenantOperation.Plan(ITenantCommand command, TenantView tenant) => Plan((TCommand)command, tenant);

    ICommandSucceeded ITenantOperation.Succeeded(ITenantCommand command, OperationResult result) => Succeeded((TCommand)command, result);

    protected abstract OperationPlan Plan(TCommand command, TenantView tenant);

    protected abstract ICommandSucceeded Succeeded(TCommand command, OperationResult result);
}
