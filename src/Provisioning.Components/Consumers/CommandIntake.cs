using System.Text.Json;
using MassTransit.Serialization;
using Provisioning.Components.Secrets;
using Provisioning.Components.StateMachines;
using Provisioning.Components.Timeline;
using Provisioning.Messaging;

namespace Provisioning.Components.Consumers;

/// <summary>
/// What every command consumer does after validation: reject, or store the command once (by CommandId) and tell the
/// tenant saga. A repeated CommandId re-publishes the stored outcome and never runs the command twice.
/// </summary>
public sealed class CommandIntake(
    IDbContextFactory<ProvisioningDbContext> contexts,
    CommandSequence sequence,
    SecretProtector secrets,
    TimeProvider time,
    ILogger<CommandIntake> logger)
{
    public async Task AcceptAsync<T>(ConsumeContext<T> context, Guid commandId, string tenantId, IReadOnlyList<string> problems)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(problems);
        var commandType = typeof(T).Name;

        if (problems.Count > 0)
        {
            await RejectAsync(context, commandId, tenantId, commandType, string.Join(" ", problems));
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var existing = await db.Commands.AsNoTracking().SingleOrDefaultAsync(x => x.CommandId == commandId, context.CancellationToken);
        if (existing is not null)
        {
            await RepeatAsync(context, existing, tenantId, commandType);
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var command = new TenantCommand
        {
            CommandId = commandId,
            TenantId = tenantId,
            CommandType = commandType,
            // Secret values are encrypted before the first write: the database (WAL and dead rows included), the operation's
            // plan and the step messages built from this payload only ever hold ciphertext.
            PayloadJson = secrets.ProtectCommand(JsonSerializer.Serialize(context.Message, SystemTextJsonMessageSerializer.Options)),
            // Raw JSON publishers may send no time; the receive time keeps the order total (and null-free, since
            // SQLite and PostgreSQL sort nulls differently).
            SentTime = context.SentTime?.ToUniversalTime() ?? now,
            ReceivedAt = now,
            Sequence = sequence.Next(now),
            Status = TenantCommandStatus.Queued,
        };
        db.Commands.Add(command);
        TimelineWriter.CommandQueued(db, command, now);

        // Two deliveries of one CommandId at once: the loser hits the primary key, its retry takes the repeat path.
        await db.SaveChangesAsync(context.CancellationToken);

        logger.LogInformation("Queued {CommandType} {CommandId} for tenant {TenantId}", commandType, commandId, tenantId);
        await context.Publish(Queued(commandId, tenantId, commandType), context.CancellationToken);
    }

    async Task RepeatAsync<T>(ConsumeContext<T> context, TenantCommand existing, string tenantId, string commandType)
        where T : class
    {
        if (existing.TenantId != tenantId || existing.CommandType != commandType)
        {
            await RejectAsync(context, existing.CommandId, tenantId, commandType,
                $"CommandId {existing.CommandId} was already used for a {existing.CommandType} of tenant '{existing.TenantId}'; send a new CommandId for a new command.");
            return;
        }

        if (existing.OutcomeType is not null && existing.OutcomeJson is not null)
        {
            var outcomeType = CommandOutcomeTypes.Find(existing.OutcomeType)
                ?? throw new InvalidOperationException($"Stored outcome type {existing.OutcomeType} of command {existing.CommandId} is not a contract.");
            var outcome = JsonSerializer.Deserialize(existing.OutcomeJson, outcomeType, SystemTextJsonMessageSerializer.Options)!;

            logger.LogInformation("Repeated {CommandType} {CommandId} for tenant {TenantId}: re-publishing {OutcomeType}",
                commandType, existing.CommandId, tenantId, existing.OutcomeType);
            await context.Publish(outcome, outcomeType, context.CancellationToken);
            return;
        }

        logger.LogInformation("Repeated {CommandType} {CommandId} for tenant {TenantId} is already {CommandStatus}",
            commandType, existing.CommandId, tenantId, existing.Status);
        if (existing.Status is TenantCommandStatus.Queued or TenantCommandStatus.Parked)
        {
            await context.Publish(Queued(existing.CommandId, tenantId, commandType), context.CancellationToken);
        }
    }

    async Task RejectAsync<T>(ConsumeContext<T> context, Guid commandId, string tenantId, string commandType, string reason)
        where T : class
    {
        logger.LogWarning("Rejected {CommandType} {CommandId} for tenant {TenantId}: {Reason}", commandType, commandId, tenantId, reason);
        await context.Publish(new CommandRejected { CommandId = commandId, TenantId = tenantId ?? "", CommandType = commandType, Reason = reason },
            context.CancellationToken);
    }

    static TenantCommandQueued Queued(Guid commandId, string tenantId, string commandType) => new()
    {
        CorrelationId = TenantIds.ToCorrelationId(tenantId),
        TenantId = tenantId,
        CommandId = commandId,
        CommandType = commandType,
    };
}
