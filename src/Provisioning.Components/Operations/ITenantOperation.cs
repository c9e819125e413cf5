using Provisioning.Components.Steps;

namespace Provisioning.Components.Operations;

/// <summary>
/// Everything the saga needs to know about one command type, with no I/O: whether a waiting command may start, the
/// steps it takes, the steps that undo it after a failure, and the events that report how it ended. The saga stores,
/// sends and persists; an operation only decides.
/// </summary>
public interface ITenantOperation
{
    /// <summary>The command contract this operation carries out (its name is the stored CommandType).</summary>
    Type CommandType { get; }

    OperationKind Kind { get; }

    Admission Admit(TenantView tenant);

    OperationPlan Plan(ITenantCommand command, TenantView tenant);

    IReadOnlyList<TenantStep> PlanUndo(OperationProgress progress);

    ICommandSucceeded Succeeded(ITenantCommand command, OperationResult result);

    /// <summary>A blank failure event of this command's type; the saga fills in what failed and what was undone.</summary>
    OperationFailed FailureEvent();
}
