namespace Provisioning.Components.StateMachines.Activities;

/// <summary>A saga activity that reads the event's message: the work, then the rest of the behavior.</summary>
public abstract class TenantActivity<TMessage> : ActivityDescription, IStateMachineActivity<TenantState, TMessage>
    where TMessage : class
{
    protected abstract Task RunAsync(BehaviorContext<TenantState, TMessage> context);

    public async Task Execute(BehaviorContext<TenantState, TMessage> context, IBehavior<TenantState, TMessage> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await RunAsync(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TenantState, TMessage, TException> context, IBehavior<TenantState, TMessage> next)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Faulted(context);
    }
}
