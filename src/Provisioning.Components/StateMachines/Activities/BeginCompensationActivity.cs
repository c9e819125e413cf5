using Provisioning.Components.Steps;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Records why the step failed and asks the operation for its undo plan; sends the first undo step, if any.</summary>
public sealed class BeginCompensationActivity(
    OperationCatalog catalog, OperationMessenger messenger, TimelineWriter timeline, TimeProvider time, ILogger<BeginCompensationActivity> logger)
    : TenantActivity<TenantStepFailed>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, TenantStepFailed> context)
    {
        var (saga, failed) = (context.Saga, context.Message);
        timeline.StepFailed(saga, failed);
        saga.FailedStep = failed.Step;
        saga.FailureCode = failed.ErrorCode;
        saga.FailureReason = $"{failed.Step} failed: {failed.ErrorMessage}";
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (failed.ErrorCode is { } code)
        {
            logger.LogWarning("{Operation} {CommandId} of tenant {TenantId} failed at {Step} (Cloudflare code {ErrorCode}): {ErrorMessage}",
                saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, failed.Step, code, failed.ErrorMessage);
        }
        else
        {
            logger.LogWarning("{Operation} {CommandId} of tenant {TenantId} failed at {Step}: {ErrorMessage}",
                saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, failed.Step, failed.ErrorMessage);
        }

        var undo = catalog.Get(saga.CurrentOperation!).PlanUndo(new OperationProgress { Plan = StepPlan.Read(saga.StepPlanJson), Completed = saga.StepIndex });
        saga.CompensationPlanJson = StepPlan.Write(undo);
        saga.CompensationIndex = 0;
        timeline.CompensationBegan(saga, undo);
        if (undo.Count > 0)
        {
            await messenger.SendStepAsync(context, undo[0], 0, compensating: true);
            timeline.StepSent(saga, undo[0], 0, undo: true);
        }
    }
}
