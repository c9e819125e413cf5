namespace Provisioning.Components.StateMachines;

/// <summary>One Information line per state change of a tenant, with the operation that caused it.</summary>
sealed class TransitionLogger(ILogger logger) : IStateObserver<TenantState>
{
    public Task StateChanged(BehaviorContext<TenantState> context, State currentState, State previousState)
    {
        // MassTransit reports a new instance entering Initial before the first activity has filled it in: nothing to say.
        if (previousState is null)
        {
            return Task.CompletedTask;
        }

        var saga = context.Saga;
        if (saga.CurrentOperation is null)
        {
            logger.LogInformation("Tenant {TenantId}: {PreviousState} -> {State}", saga.TenantId, previousState.Name, currentState.Name);
        }
        else
        {
            logger.LogInformation("Tenant {TenantId}: {PreviousState} -> {State} ({Operation} {CommandId})",
                saga.TenantId, previousState.Name, currentState.Name, saga.CurrentOperation, saga.CurrentCommandId);
        }

        return Task.CompletedTask;
    }
}
