using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Records the completed step or undo step (and the script's new etag) and sends the next one, if any.</summary>
public sealed class AdvanceStepActivity(OperationMessenger messenger, TimeProvider time) : TenantActivity<TenantStepCompleted>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, TenantStepCompleted> context)
    {
        var saga = context.Saga;
        var compensating = TenantStateMachine.IsCompensating(saga);
        var index = compensating ? ++saga.CompensationIndex : ++saga.StepIndex;
        saga.ScriptEtag = context.Message.Etag ?? saga.ScriptEtag;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var plan = StepPlan.Read(compensating ? saga.CompensationPlanJson : saga.StepPlanJson);
        if (index < plan.Count)
        {
            await messenger.SendStepAsync(context, plan[index], index, compensating);
        }
    }
}
