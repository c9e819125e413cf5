using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>A step failed and everything there was to undo is undone: publishes the failure event and frees the tenant.</summary>
public sealed class FailOperationActivity(OperationOutcomes outcomes, TimelineWriter timeline) : TenantActivity
{
    protected override Task RunAsync(BehaviorContext<TenantState> context)
    {
        context.Saga.CompensationFailed = false;
        if (context.Saga.CompensationPlanJson is not null)
        {
            timeline.CompensationEnded(context.Saga);
        }

        return outcomes.FailAsync(context);
    }
}
