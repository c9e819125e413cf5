using MassTransit;
using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Records the completed step (and the script's new etag) and sends the next one, if any.</summary>
public sealed class AdvanceStepActivity(OperationMessenger messenger, TimeProvider time) : TenantActivity<TenantStepCompleted>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, TenantStepCompleted> context)
    {
        var saga = context.Saga;
        saga.StepIndex++;
        saga.ScriptEtag = context.Message.Etag ?? saga.ScriptEtag;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var plan = StepPlan.Read(saga.StepPlanJson);
        if (saga.StepIndex < plan.Count)
        {
            await messenger.SendStepAsync(context, plan[saga.StepIndex], saga.StepIndex, compensating: false);
        }
    }
}
