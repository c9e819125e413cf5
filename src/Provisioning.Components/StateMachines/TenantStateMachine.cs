using MassTransit;
using Microsoft.Extensions.Logging;
using Provisioning.Components.Steps;
using Provisioning.Contracts;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// A tenant's lifecycle, one operation at a time: the next stored command starts when the tenant is idle, its steps run
/// one by one on the step consumers, a permanent failure runs the undo plan, and every operation ends with exactly one
/// outcome event. It never calls Cloudflare; the work behind each transition is in <see cref="TenantOperations"/>.
/// </summary>
public sealed class TenantStateMachine : MassTransitStateMachine<TenantState>
{
    public TenantStateMachine(ILogger<TenantStateMachine> logger)
    {
        InstanceState(x => x.CurrentState);

        Event(() => CommandQueued, x => x.CorrelateById(m => m.Message.CorrelationId));
        Event(() => StepCompleted, x => { x.CorrelateById(m => m.Message.CorrelationId); x.OnMissingInstance(m => m.Discard()); });
        Event(() => StepFailed, x => { x.CorrelateById(m => m.Message.CorrelationId); x.OnMissingInstance(m => m.Discard()); });
        Event(() => ResumeRequested, x => { x.CorrelateById(m => m.Message.CorrelationId); x.OnMissingInstance(m => m.Discard()); });
        Event(() => CompensationRetryRequested, x =>
        {
            x.CorrelateById(m => TenantIds.ToCorrelationId(m.Message.TenantId ?? ""));
            x.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(CommandQueued)
                .Then(x => Initialize(x.Saga, x.Message))
                .TransitionTo(Pending)
                .StartNextCommand(this));

        During(Pending, Active, Failed, Deprovisioned,
            When(CommandQueued)
                .StartNextCommand(this),
            Ignore(CompensationRetryRequested),
            Ignore(ResumeRequested));

        During(Provisioning, Updating, Deprovisioning,
            When(StepCompleted, x => IsCurrent(x.Saga, x.Message))
                .ThenAsync(x => Operations(x).AdvanceAsync(x, x.Message.Etag))
                .If(x => TenantOperations.PlanFinished(x.Saga), done => done
                    .IfElse(x => x.Saga.CurrentOperation == nameof(DeprovisionTenant),
                        gone => gone.TransitionTo(Deprovisioned),
                        active => active.TransitionTo(Active))
                    .ThenAsync(x => Operations(x).CompleteAsync(x))
                    .StartNextCommand(this)),
            When(StepFailed, x => IsCurrent(x.Saga, x.Message))
                .ThenAsync(x => Operations(x).BeginCompensationAsync(x, x.Message))
                .IfElse(x => TenantOperations.UndoFinished(x.Saga),
                    nothingToUndo => nothingToUndo.EndFailedOperation(this),
                    undo => undo.TransitionTo(Compensating)),
            Ignore(CommandQueued),
            Ignore(CompensationRetryRequested));

        During(Compensating,
            When(StepCompleted, x => IsCurrent(x.Saga, x.Message))
                .ThenAsync(x => Operations(x).AdvanceCompensationAsync(x))
                .If(x => TenantOperations.UndoFinished(x.Saga), done => done.EndFailedOperation(this)),
            When(StepFailed, x => IsCurrent(x.Saga, x.Message))
                .TransitionTo(CompensationFailed)
                .ThenAsync(x => Operations(x).FailAsync(x, compensationFailed: true, x.Message)),
            Ignore(CommandQueued),
            Ignore(CompensationRetryRequested));

        During(CompensationFailed,
            When(CompensationRetryRequested)
                .TransitionTo(Compensating)
                .ThenAsync(x => Operations(x).RetryCompensationAsync(x)),
            Ignore(CommandQueued),
            Ignore(ResumeRequested));

        // A step command or its result was lost (see StalledWorkSweeper): send the current step again.
        During(Provisioning, Updating, Deprovisioning, Compensating,
            When(ResumeRequested)
                .ThenAsync(x => Operations(x).ResumeAsync(x)));

        // Redelivered or late results of an earlier step or operation: nothing to do.
        DuringAny(
            When(StepCompleted, x => !IsCurrent(x.Saga, x.Message))
                .Then(x => logger.LogDebug("Ignored stale {Step} result {StepIndex} of {CommandId} for tenant {TenantId}",
                    x.Message.Step, x.Message.StepIndex, x.Message.CommandId, x.Saga.TenantId)),
            When(StepFailed, x => !IsCurrent(x.Saga, x.Message))
                .Then(x => logger.LogDebug("Ignored stale {Step} failure {StepIndex} of {CommandId} for tenant {TenantId}",
                    x.Message.Step, x.Message.StepIndex, x.Message.CommandId, x.Saga.TenantId)));

        OnUnhandledEvent(x =>
        {
            logger.LogDebug("Ignored {Event} for tenant {TenantId} in state {State}", x.Event.Name, x.Saga.TenantId, x.Saga.CurrentState);
            return Task.CompletedTask;
        });

        this.ConnectStateObserver(new TransitionLogger(logger));
    }

    public State Pending { get; private set; } = null!;

    public State Provisioning { get; private set; } = null!;

    public State Active { get; private set; } = null!;

    public State Updating { get; private set; } = null!;

    public State Compensating { get; private set; } = null!;

    public State CompensationFailed { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Deprovisioning { get; private set; } = null!;

    public State Deprovisioned { get; private set; } = null!;

    public Event<TenantCommandQueued> CommandQueued { get; private set; } = null!;

    public Event<TenantStepCompleted> StepCompleted { get; private set; } = null!;

    public Event<TenantStepFailed> StepFailed { get; private set; } = null!;

    public Event<RetryCompensation> CompensationRetryRequested { get; private set; } = null!;

    public Event<ResumeTenantOperation> ResumeRequested { get; private set; } = null!;

    static void Initialize(TenantState saga, TenantCommandQueued message)
    {
        saga.TenantId = message.TenantId;
        saga.CreatedAt = saga.UpdatedAt = DateTime.UtcNow;
    }

    static bool IsCurrent(TenantState saga, TenantStepCompleted m) => TenantOperations.IsCurrent(saga, m.CommandId, m.StepIndex, m.Compensating);

    static bool IsCurrent(TenantState saga, TenantStepFailed m) => TenantOperations.IsCurrent(saga, m.CommandId, m.StepIndex, m.Compensating);

    internal static TenantOperations Operations(BehaviorContext<TenantState> context) => context.GetServiceOrCreateInstance<TenantOperations>();
}

static class TenantStateMachineActivities
{
    /// <summary>Starts the tenant's next waiting command, if one can run now, and enters that operation's state.</summary>
    public static EventActivityBinder<TenantState, T> StartNextCommand<T>(this EventActivityBinder<TenantState, T> binder, TenantStateMachine machine)
        where T : class =>
        binder
            .ThenAsync(x => TenantStateMachine.Operations(x).StartNextAsync(x))
            .If(x => x.Saga.CurrentOperation == nameof(ProvisionTenant), b => b.TransitionTo(machine.Provisioning))
            .If(x => x.Saga.CurrentOperation is nameof(AttachBinding) or nameof(DetachBinding) or nameof(DeployScript), b => b.TransitionTo(machine.Updating))
            .If(x => x.Saga.CurrentOperation == nameof(DeprovisionTenant), b => b.TransitionTo(machine.Deprovisioning));

    /// <summary>
    /// After a failure with nothing (left) to undo: a provision that never completed leaves the tenant Failed (a new
    /// ProvisionTenant may start), any other operation leaves it Active. Publishes the failure event, then moves on.
    /// </summary>
    public static EventActivityBinder<TenantState, T> EndFailedOperation<T>(this EventActivityBinder<TenantState, T> binder, TenantStateMachine machine)
        where T : class =>
        binder
            .IfElse(x => x.Saga.CurrentOperation == nameof(ProvisionTenant),
                failed => failed.TransitionTo(machine.Failed),
                active => active.TransitionTo(machine.Active))
            .ThenAsync(x => TenantStateMachine.Operations(x).FailAsync(x, compensationFailed: false))
            .StartNextCommand(machine);
}

sealed class TransitionLogger(ILogger logger) : IStateObserver<TenantState>
{
    public Task StateChanged(BehaviorContext<TenantState> context, State currentState, State previousState)
    {
        // MassTransit reports a new instance entering Initial before the first activity has filled it in: nothing to say.
        if (previousState is null)
        {
            return Task.CompletedTask;
        }

        logger.LogInformation("Tenant {TenantId}: {PreviousState} -> {State} ({Operation} {CommandId})",
            context.Saga.TenantId, previousState?.Name, currentState.Name, context.Saga.CurrentOperation, context.Saga.CurrentCommandId);
        return Task.CompletedTask;
    }
}
