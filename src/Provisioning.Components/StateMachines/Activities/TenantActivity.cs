namespace Provisioning.Components.StateMachines.Activities;

/// <summary>A saga activity that needs only the tenant instance (whatever the event): the work, then the rest of the behavior.</summary>
public abstract class TenantActivity : ActivityDescription, IStateMachineActivity<TenantState>
{
    protected abstract Task RunAsync(BehaviorContext<TenantState> context);

    public async Task Execute(BehaviorContext<TenantState> context, IBehavior<TenantState> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        await RunAsync(context);
        await next.Execute(context);
    }

    public async Task Execute<T>(BehaviorContext<TenantState, T> context, IBehavior<TenantState, T> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(next);
        await RunAsync(context);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<TenantState, TException> context, IBehavior<TenantState> next)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Faulted(context);
    }

    public Task Faulted<T, TException>(BehaviorExceptionContext<TenantState, T, TException> context, IBehavior<TenantState, T> next)
        where T : class
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(next);
        return next.Faulted(context);
    }
}
