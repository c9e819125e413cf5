using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>An operator asked to run the rest of a failed undo plan again, from the step that failed.</summary>
public sealed class RetryCompensationActivity(OperationMessenger messenger, TimelineWriter timeline, TimeProvider time, ILogger<RetryCompensationActivity> logger)
    : TenantActivity<RetryCompensation>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, RetryCompensation> context)
    {
        var saga = context.Saga;
        var undo = StepPlan.Read(saga.CompensationPlanJson);
        saga.CompensationFailed = false;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        logger.LogInformation("Retrying compensation of {Operation} {CommandId} for tenant {TenantId} from undo step {UndoStep} of {UndoSteps}",
            saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, saga.CompensationIndex + 1, undo.Count);
        timeline.CompensationRetried(saga);
        await messenger.SendStepAsync(context, undo[saga.CompensationIndex], saga.CompensationIndex, compensating: true);
        timeline.StepSent(saga, undo[saga.CompensationIndex], saga.CompensationIndex, undo: true);
    }
}
