using Provisioning.Components.Outbox;
using Provisioning.Components.Persistence.SagaRepository;
using Provisioning.Components.Steps;

namespace Provisioning.Components.StateMachines;

/// <summary>
/// Everything the saga sends: a step with its address filled in, and a command's outcome (stored with the command,
/// counted and logged once). Both become outbox rows in the delivery's <see cref="UnitOfWork{TDbContext}"/>, saved with
/// the saga instance in one SaveChanges and published by the <see cref="OutboxRelay"/> after the commit, so a crash
/// between the commit and the publish delays them by one relay poll instead of losing them.
/// </summary>
public sealed class OperationMessenger(TenantJournal journal, UnitOfWork<ProvisioningDbContext> unitOfWork, OutboxWriter outbox,
    ProvisioningMetrics metrics, ILogger<OperationMessenger> logger)
{
    public Task SendStepAsync(BehaviorContext<TenantState> context, TenantStep step, int index, bool compensating)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        var saga = context.Saga;
        var message = step with
        {
            CorrelationId = saga.CorrelationId, TenantId = saga.TenantId, CommandId = saga.CurrentCommandId!.Value, StepIndex = index, Compensating = compensating,
            Background = saga.OperationKind == OperationKind.Deprovision,
        };
        // A wait still recorded belongs to a step that has answered, or to one presumed lost (a resume): most likely a
        // replica died waiting, and nothing else would clear it.
        saga.BudgetWaitSince = null;
        saga.BudgetWaitPriority = null;
        saga.BudgetWaitHeartbeat = null;
        logger.LogDebug("Sending {Step} ({StepIndex}{Mode}) of {CommandId} for tenant {TenantId}",
            message.Name, index, compensating ? ", undo" : "", message.CommandId, message.TenantId);
        outbox.Add(unitOfWork.Current, message, message.GetType(), message.TenantId, message.CommandId);
        return Task.CompletedTask;
    }

    public Task EndAsync(BehaviorContext<TenantState> context, TenantCommand command, TenantCommandStatus status, ICommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        if (command.EndedAt is null)
        {
            metrics.RecordCommand(command.CommandType, status.ToString());
        }

        journal.End(command, status, outcome);
        logger.LogInformation("{CommandType} {CommandId} for tenant {TenantId} ended {CommandStatus}: {OutcomeType}",
            command.CommandType, command.CommandId, command.TenantId, status, command.OutcomeType);
        outbox.Add(unitOfWork.Current, outcome, outcome.GetType(), command.TenantId, command.CommandId);
        return Task.CompletedTask;
    }

    public Task RejectAsync(BehaviorContext<TenantState> context, TenantCommand command, string reason)
    {
        ArgumentNullException.ThrowIfNull(command);
        logger.LogWarning("Rejected {CommandType} {CommandId} for tenant {TenantId}: {Reason}", command.CommandType, command.CommandId, command.TenantId, reason);
        return EndAsync(context, command, TenantCommandStatus.Rejected,
            new CommandRejected { CommandId = command.CommandId, TenantId = command.TenantId, CommandType = command.CommandType, Reason = reason });
    }
}
