using Provisioning.Components.Steps;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Records the completed step or undo step (and the script's new etag) and sends the next one, if any.</summary>
public sealed class AdvanceStepActivity(OperationMessenger messenger, TimelineWriter timeline, TimeProvider time) : TenantActivity<TenantStepCompleted>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, TenantStepCompleted> context)
    {
        var saga = context.Saga;
        var compensating = TenantStateMachine.IsCompensating(saga);
        await timeline.StepCompletedAsync(saga, context.Message, context.CancellationToken);
        var index = compensating ? ++saga.CompensationIndex : ++saga.StepIndex;
        saga.ScriptEtag = context.Message.Etag ?? saga.ScriptEtag;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var plan = StepPlan.Read(compensating ? saga.CompensationPlanJson : saga.StepPlanJson);
        if (index < plan.Count)
        {
            await messenger.SendStepAsync(context, plan[index], index, compensating);
            timeline.StepSent(saga, plan[index], index, compensating);
        }
    }
}
