namespace Provisioning.Components.StateMachines.Activities;

/// <summary>Every step is done: publishes the operation's success event and frees the tenant for its next command.</summary>
public sealed class CompleteOperationActivity(OperationOutcomes outcomes) : TenantActivity
{
    protected override Task RunAsync(BehaviorContext<TenantState> context) => outcomes.SucceedAsync(context);
}
