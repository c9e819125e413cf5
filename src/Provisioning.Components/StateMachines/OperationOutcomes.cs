namespace Provisioning.Components.StateMachines;

/// <summary>Ends the running operation with the event its operation builds: success, or failure with what was undone.</summary>
public sealed class OperationOutcomes(OperationCatalog catalog, TenantJournal journal, OperationMessenger messenger, TimeProvider time)
{
    public async Task SucceedAsync(BehaviorContext<TenantState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var saga = context.Saga;
        var command = await journal.CommandAsync(saga.CurrentCommandId!.Value, context.CancellationToken);
        var operation = catalog.Get(command.CommandType);
        var outcome = operation.Succeeded(OperationCatalog.Read(operation, command.PayloadJson), new OperationResult
        {
            CommandId = command.CommandId,
            Tenant = await journal.ViewAsync(saga, TenantStateMachine.LifecycleOf(saga), context.CancellationToken),
            Steps = StepPlan.Read(saga.StepPlanJson),
            ScriptEtag = saga.ScriptEtag,
        });
        await messenger.EndAsync(context, command, TenantCommandStatus.Succeeded, outcome);
        Clear(saga);
    }

    /// <summary>Publishes the failure event; unless the undo itself failed (the plan then stays for RetryCompensation), the tenant is free again.</summary>
    public async Task FailAsync(BehaviorContext<TenantState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var saga = context.Saga;
        saga.UpdatedAt = time.GetUtcNow().UtcDateTime;
        var command = await journal.CommandAsync(saga.CurrentCommandId!.Value, context.CancellationToken);
        var compensated = await journal.CompensatedAsync(command.CommandId, context.CancellationToken);
        var outcome = catalog.Get(command.CommandType).FailureEvent() with
        {
            CommandId = command.CommandId, TenantId = saga.TenantId, FailedStep = saga.FailedStep ?? "", ErrorCode = saga.FailureCode,
            ErrorMessage = saga.FailureText ?? "", CompensationFailed = saga.CompensationFailed,
            Compensated = compensated,
        };
        await messenger.EndAsync(context, command, TenantCommandStatus.Failed, outcome);
        if (!saga.CompensationFailed)
        {
            Clear(saga);
        }
    }

    static void Clear(TenantState saga)
    {
        saga.CurrentCommandId = null;
        saga.CurrentOperation = null;
        saga.OperationKind = null;
        saga.StepPlanJson = null;
        saga.StepIndex = 0;
    }
}
