using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// Rejects commands parked for a tenant that never got its ProvisionTenant once <c>Provisioning:UnknownTenantGrace</c>
/// has passed. Polling the database stands in for a scheduled message: stock RabbitMQ has no delayed delivery. A row
/// the saga changed meanwhile fails the version check and is left to the saga.
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
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var now = Time.GetUtcNow().UtcDateTime;
        var deadline = now - options.Value.UnknownTenantGrace;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = (await db.Commands.Where(x => x.Status == TenantCommandStatus.Parked).ToListAsync(cancellationToken))
            .Where(x => x.ReceivedAt <= deadline).ToList();
        var rejected = 0;
        foreach (var command in expired)
        {
            var outcome = new CommandRejected
            {
                CommandId = command.CommandId, TenantId = command.TenantId, CommandType = command.CommandType,
                Reason = $"tenant '{command.TenantId}' does not exist",
            };
            command.End(TenantCommandStatus.Rejected, outcome, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            logger.LogWarning("Rejected {CommandType} {CommandId} for tenant {TenantId}: parked for longer than {Grace} without a ProvisionTenant",
                command.CommandType, command.CommandId, command.TenantId, options.Value.UnknownTenantGrace);
            metrics.RecordCommand(command.CommandType, nameof(TenantCommandStatus.Rejected));
            await publisher.Publish(outcome, cancellationToken);
            rejected++;
        }

        await PhantomTenants.RemoveAsync(db, expired.Select(x => x.TenantId), logger, cancellationToken);
        return rejected;
    }
}
