using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>
/// Sends the current step (or undo step) again when the operation has been silent for longer than
/// StalledOperationTimeout: its step message or its result was lost.
/// </summary>
public sealed class ResumeOperationActivity(
    OperationMessenger messenger, TimelineWriter timeline, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<ResumeOperationActivity> logger)
    : TenantActivity<ResumeTenantOperation>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, ResumeTenantOperation> context)
    {
        var saga = context.Saga;
        var now = time.GetUtcNow().UtcDateTime;
        if (saga.CurrentCommandId is null || now - saga.UpdatedAt < (context.Message.IdleFor ?? options.Value.StalledOperationTimeout))
        {
            return;
        }

        var compensating = TenantStateMachine.IsCompensating(saga);
        var plan = StepPlan.Read(compensating ? saga.CompensationPlanJson : saga.StepPlanJson);
        var index = compensating ? saga.CompensationIndex : saga.StepIndex;
        if (index >= plan.Count)
        {
            return;
        }

        logger.LogWarning("Re-sending {Step} ({StepIndex}) of {Operation} {CommandId} for tenant {TenantId}: no progress since {UpdatedAt}",
            plan[index].Name, index, saga.CurrentOperation, saga.CurrentCommandId, saga.TenantId, saga.UpdatedAt);
        saga.UpdatedAt = now;
        await messenger.SendStepAsync(context, plan[index], index, compensating);
        timeline.StepSent(saga, plan[index], index, compensating);
    }
}
