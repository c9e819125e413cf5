using Provisioning.Components.Steps;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>An undo step failed: the failure event says so, and the tenant keeps its undo plan until an operator retries it.</summary>
public sealed class CompensationFailedActivity(OperationOutcomes outcomes, TimelineWriter timeline, ILogger<CompensationFailedActivity> logger) : TenantActivity<TenantStepFailed>
{
    protected override Task RunAsync(BehaviorContext<TenantState, TenantStepFailed> context)
    {
        var (saga, failed) = (context.Saga, context.Message);
        timeline.StepFailed(saga, failed);
        timeline.CompensationFailed(saga, failed);
        saga.CompensationFailed = true;
        saga.CompensationFailureReason = $"{failed.Step} failed: {failed.ErrorMessage}";
        if (failed.ErrorCode is { } code)
        {
            logger.LogError("Compensation of {Operation} {CommandId} for tenant {TenantId} failed at {Step} (Cloudflare code {ErrorCode}): {ErrorMessage}; the tenant waits for RetryCompensation",
                saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, failed.Step, code, failed.ErrorMessage);
        }
        else
        {
            logger.LogError("Compensation of {Operation} {CommandId} for tenant {TenantId} failed at {Step}: {ErrorMessage}; the tenant waits for RetryCompensation",
                saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, failed.Step, failed.ErrorMessage);
        }
        return outcomes.FailAsync(context);
    }
}
