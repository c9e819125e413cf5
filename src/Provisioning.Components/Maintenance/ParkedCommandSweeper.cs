using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.Outbox;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// Rejects commands parked for a tenant that never got its ProvisionTenant once <c>Provisioning:UnknownTenantGrace</c>
/// has passed. Polling the database stands in for a scheduled message: stock RabbitMQ has no delayed delivery. Every
/// replica sweeps: a row the saga or another replica changed meanwhile fails the version check and is skipped, and the
/// outcome goes through the outbox with the status change, so it is published exactly when the rejection is committed.
/// Reads <c>Provisioning:SweepBatchSize</c> rows at a time, oldest first.
/// </summary>
public sealed class ParkedCommandSweeper(IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options, TimeProvider time,
    ProvisioningMetrics metrics, ILogger<ParkedCommandSweeper> logger)
    : PollingSweeper(options.Value.ParkedCommandSweepInterval, time, logger)
{
    protected override string SweepName => "Parked-command sweep";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
        var now = Time.GetUtcNow().UtcDateTime;
        var deadline = now - options.Value.UnknownTenantGrace;
        var batchSize = options.Value.SweepBatchSize;

        var rejected = 0;
        var conflicts = 0;
        var tenants = new HashSet<string>(StringComparer.Ordinal);
        while (conflicts <= batchSize)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Rejected rows leave the filter, so the next query starts where this batch ended.
            var batch = await db.Commands
                .Where(x => x.Status == TenantCommandStatus.Parked && x.ReceivedAt <= deadline)
                .OrderBy(x => x.ReceivedAt).ThenBy(x => x.CommandId)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            var complete = true;
            foreach (var command in batch)
            {
                if (!await RejectAsync(db, outbox, command, now, cancellationToken))
                {
                    // Changed since it was read: read the batch again, with the row's new state.
                    conflicts++;
                    complete = false;
                    break;
                }

                rejected++;
                tenants.Add(command.TenantId);
            }

            if (complete && batch.Count < batchSize)
            {
                break;
            }
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await PhantomTenants.RemoveAsync(db, tenants, logger, cancellationToken);
        }

        return rejected;
    }

    async Task<bool> RejectAsync(ProvisioningDbContext db, OutboxWriter outbox, TenantCommand command, DateTime now, CancellationToken cancellationToken)
    {
        var outcome = new CommandRejected
        {
            CommandId = command.CommandId, TenantId = command.TenantId, CommandType = command.CommandType,
            Reason = $"tenant '{command.TenantId}' does not exist",
        };
        command.End(TenantCommandStatus.Rejected, outcome, now);
        outbox.Add(db, outcome, typeof(CommandRejected), command.TenantId, command.CommandId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        logger.LogWarning("Rejected {CommandType} {CommandId} for tenant {TenantId}: parked for longer than {Grace} without a ProvisionTenant",
            command.CommandType, command.CommandId, command.TenantId, options.Value.UnknownTenantGrace);
        metrics.RecordCommand(command.CommandType, nameof(TenantCommandStatus.Rejected));
        return true;
    }
}
