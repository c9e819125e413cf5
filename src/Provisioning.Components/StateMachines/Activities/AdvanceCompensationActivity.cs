using MassTransit;
using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Records the completed undo step and sends the next one, if any.</summary>
public sealed class AdvanceCompensationActivity(OperationMessenger messenger, TimeProvider time) : TenantActivity<TenantStepCompleted>
{
    protected override async Task RunAsync(BehaviorContext<TenantState, TenantStepCompleted> context)
    {
        var saga = context.Saga;
        saga.CompensationIndex++;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var undo = StepPlan.Read(saga.CompensationPlanJson);
        if (saga.CompensationIndex < undo.Count)
        {
            await messenger.SendStepAsync(context, undo[saga.CompensationIndex], saga.CompensationIndex, compensating: true);
        }
    }
}
