using Provisioning.Components.StateMachines.Activities;
using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// A tenant's lifecycle, one operation at a time: the next stored command starts when the tenant is idle, its steps run
/// one by one on the step consumers, a permanent failure runs the undo plan, and every operation ends with exactly one
/// outcome event. It never calls Cloudflare; what each command does is its <see cref="ITenantOperation"/>, and the work
/// behind each transition is an activity in <c>Activities/</c>.
/// </summary>
public sealed class TenantStateMachine : MassTransitStateMachine<TenantState>
{
    public TenantStateMachine(TimeProvider time, ILogger<TenantStateMachine> logger)
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
                .Then(x => (x.Saga.TenantId, x.Saga.CreatedAt, x.Saga.UpdatedAt) = (x.Message.TenantId, time.GetUtcNow().UtcDateTime, time.GetUtcNow().UtcDateTime))
                .TransitionTo(Pending)
                .StartNextCommand(this));

        During(Pending, Active, Failed, Deprovisioned,
            When(CommandQueued)
                .StartNextCommand(this),
            Ignore(CompensationRetryRequested),
            Ignore(ResumeRequested));

        During(Provisioning, Updating, Deprovisioning,
            When(StepCompleted, x => IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
                .Activity(x => x.OfType<AdvanceStepActivity>())
                .If(x => x.Saga.StepIndex >= StepPlan.Read(x.Saga.StepPlanJson).Count, done => done
                    .IfElse(x => x.Saga.OperationKind == OperationKind.Deprovision,
                        gone => gone.TransitionTo(Deprovisioned),
                        active => active.TransitionTo(Active))
                    .Activity(x => x.OfInstanceType<CompleteOperationActivity>())
                    .StartNextCommand(this)),
            When(StepFailed, x => IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
                .Activity(x => x.OfType<BeginCompensationActivity>())
                .IfElse(x => x.Saga.CompensationPlanJson is null,
                    nothingToUndo => nothingToUndo.EndFailedOperation(this),
                    undo => undo.TransitionTo(Compensating)),
            Ignore(CommandQueued),
            Ignore(CompensationRetryRequested));

        During(Compensating,
            When(StepCompleted, x => IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
                .Activity(x => x.OfType<AdvanceStepActivity>())
                .If(x => x.Saga.CompensationIndex >= StepPlan.Read(x.Saga.CompensationPlanJson).Count, done => done.EndFailedOperation(this)),
            When(StepFailed, x => IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
                .TransitionTo(CompensationFailed)
                .Activity(x => x.OfType<CompensationFailedActivity>()),
            Ignore(CommandQueued),
            Ignore(CompensationRetryRequested));

        During(CompensationFailed,
            When(CompensationRetryRequested)
                .TransitionTo(Compensating)
                .Activity(x => x.OfType<RetryCompensationActivity>()),
            Ignore(CommandQueued),
            Ignore(ResumeRequested));

        // A step command or its result was lost (see StalledWorkSweeper): send the current step again.
        During(Provisioning, Updating, Deprovisioning, Compensating,
            When(ResumeRequested)
                .Activity(x => x.OfType<ResumeOperationActivity>()));

        // Redelivered or late results of an earlier step or operation: nothing to do.
        DuringAny(
            When(StepCompleted, x => !IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
                .Then(x => logger.LogDebug("Ignored stale {Step} result {StepIndex} of {CommandId} for tenant {TenantId}",
                    x.Message.Step, x.Message.StepIndex, x.Message.CommandId, x.Saga.TenantId)),
            When(StepFailed, x => !IsCurrent(x.Saga, x.Message.CommandId, x.Message.StepIndex, x.Message.Compensating))
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

    /// <summary>Where an idle tenant stands, for admitting its next command (states are named after the properties above).</summary>
    public static TenantLifecycle LifecycleOf(TenantState saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return saga.CurrentState switch
        {
            nameof(Active) => TenantLifecycle.Active,
            nameof(Deprovisioned) => TenantLifecycle.Deprovisioned,
            _ => TenantLifecycle.NotProvisioned,
        };
    }

    public static bool IsCompensating(TenantState saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return saga.CurrentState == nameof(Compensating);
    }

    /// <summary>A step result belongs to the running operation's current step (or undo step), not to an earlier one.</summary>
    static bool IsCurrent(TenantState saga, Guid commandId, int stepIndex, bool compensating) =>
        saga.CurrentCommandId == commandId
        && compensating == IsCompensating(saga)
        && stepIndex == (compensating ? saga.CompensationIndex : saga.StepIndex);
}
