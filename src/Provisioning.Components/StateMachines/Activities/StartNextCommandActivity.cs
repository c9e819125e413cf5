using Provisioning.Components.Steps.CreateResources;
using Provisioning.Components.Timeline;

namespace Provisioning.Components.StateMachines.Activities;

/// <summary>
/// Starts the first waiting command that can run, in the order the senders sent them; parks the ones that wait for the
/// tenant to exist and rejects the ones that can never apply. The machine then enters the operation's state.
/// </summary>
public sealed class StartNextCommandActivity(
    OperationCatalog catalog, TenantJournal journal, OperationMessenger messenger, TimelineWriter timeline, TimeProvider time,
    ILogger<StartNextCommandActivity> logger)
    : TenantActivity
{
    protected override async Task RunAsync(BehaviorContext<TenantState> context)
    {
        var saga = context.Saga;
        var ct = context.CancellationToken;
        var tenant = await journal.ViewAsync(saga, TenantStateMachine.LifecycleOf(saga), ct);
        // A command parked for a tenant that would park it again is not read at all: thousands of commands parked for a
        // tenant that does not exist yet cost nothing each time one more arrives.
        await foreach (var waiting in journal.WaitingCommandsAsync(saga.TenantId, catalog.ParkedBy(tenant), ct))
        {
            if (catalog.Find(waiting.CommandType) is not { } operation)
            {
                await messenger.RejectAsync(context, await journal.CommandAsync(waiting.CommandId, ct), $"Unknown command type '{waiting.CommandType}'.");
                continue;
            }

            var admission = operation.Admit(tenant);
            if (admission.Decision == AdmissionDecision.Reject)
            {
                await messenger.RejectAsync(context, await journal.CommandAsync(waiting.CommandId, ct), admission.Reason!);
            }
            else if (admission.Decision == AdmissionDecision.Park)
            {
                if (waiting.Status != TenantCommandStatus.Parked)
                {
                    Park(await journal.CommandAsync(waiting.CommandId, ct));
                }
            }
            else
            {
                var command = await journal.CommandAsync(waiting.CommandId, ct);
                var plan = operation.Plan(OperationCatalog.Read(operation, command.PayloadJson), tenant);
                if ((plan.Rejection ?? await journal.OwnershipConflictAsync(saga.TenantId, plan.Steps.OfType<CreateResources>().SelectMany(x => x.Resources), ct)) is { } reason)
                {
                    await messenger.RejectAsync(context, command, reason);
                    continue;
                }

                await BeginAsync(context, command, operation, plan);
                return;
            }
        }
    }

    void Park(TenantCommand command)
    {
        if (command.Status != TenantCommandStatus.Parked)
        {
            command.Status = TenantCommandStatus.Parked;
            logger.LogInformation("Parked {CommandType} {CommandId} for tenant {TenantId}: the tenant does not exist yet",
                command.CommandType, command.CommandId, command.TenantId);
        }
    }

    async Task BeginAsync(BehaviorContext<TenantState> context, TenantCommand command, ITenantOperation operation, OperationPlan plan)
    {
        if (plan.Steps.Count == 0)
        {
            throw new InvalidOperationException($"The {operation.CommandType.Name} plan for tenant '{command.TenantId}' has no steps.");
        }

        var saga = context.Saga;
        journal.MarkRunning(command);
        await journal.StoreBundlesAsync(plan.Bundles, context.CancellationToken);
        saga.CurrentCommandId = command.CommandId;
        saga.CurrentOperation = command.CommandType;
        saga.OperationKind = operation.Kind;
        saga.DispatchNamespace = plan.DispatchNamespace ?? saga.DispatchNamespace;
        saga.ScriptName = plan.ScriptName ?? saga.ScriptName;
        saga.StepPlanJson = StepPlan.Write(plan.Steps);
        saga.StepIndex = 0;
        saga.CompensationPlanJson = null;
        saga.CompensationIndex = 0;
        saga.CompensationFailed = false;
        saga.FailedStep = null;
        saga.FailureCode = null;
        saga.FailureReason = null;
        saga.CompensationFailureReason = null;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        logger.LogInformation("Starting {Operation} {CommandId} for tenant {TenantId}: {Steps}",
            command.CommandType, command.CommandId, saga.TenantId, string.Join(" -> ", plan.Steps.Select(x => x.Name)));
        await timeline.PruneAsync(saga.TenantId, context.CancellationToken);
        timeline.CommandStarted(command, plan.Steps);
        await messenger.SendStepAsync(context, plan.Steps[0], 0, compensating: false);
        timeline.StepSent(saga, plan.Steps[0], 0, undo: false);
    }
}
