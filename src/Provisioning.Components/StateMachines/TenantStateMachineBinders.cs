using Provisioning.Components.StateMachines.Activities;

namespace Provisioning.Components.StateMachines;

/// <summary>The two behaviors the machine uses in several places, named.</summary>
static class TenantStateMachineBinders
{
    /// <summary>Starts the tenant's next waiting command, if one can run now, and enters that operation's state.</summary>
    public static EventActivityBinder<TenantState, T> StartNextCommand<T>(this EventActivityBinder<TenantState, T> binder, TenantStateMachine machine)
        where T : class =>
        binder
            .Activity(x => x.OfInstanceType<StartNextCommandActivity>())
            .If(x => x.Saga.OperationKind == OperationKind.Provision, b => b.TransitionTo(machine.Provisioning))
            .If(x => x.Saga.OperationKind == OperationKind.Update, b => b.TransitionTo(machine.Updating))
            .If(x => x.Saga.OperationKind == OperationKind.Deprovision, b => b.TransitionTo(machine.Deprovisioning));

    /// <summary>
    /// After a failure with nothing (left) to undo: a provision that never completed leaves the tenant Failed (a new
    /// ProvisionTenant may start), any other operation leaves it Active. Publishes the failure event, then moves on.
    /// </summary>
    public static EventActivityBinder<TenantState, T> EndFailedOperation<T>(this EventActivityBinder<TenantState, T> binder, TenantStateMachine machine)
        where T : class =>
        binder
            .IfElse(x => x.Saga.OperationKind == OperationKind.Provision,
                failed => failed.TransitionTo(machine.Failed),
                active => active.TransitionTo(machine.Active))
            .Activity(x => x.OfInstanceType<FailOperationActivity>())
            .StartNextCommand(machine);
}
