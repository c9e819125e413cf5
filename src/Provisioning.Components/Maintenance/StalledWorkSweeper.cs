using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// Recovers from a message lost between a database commit and its publish (the in-memory outbox is not
/// transactional): operations without progress for <c>StalledOperationTimeout</c> are asked to re-send their current
/// step, and commands still Queued after that long are announced to their saga again. Both are idempotent: a step
/// result that turns out to be a duplicate is stale and ignored, and announcing a command only starts it if the tenant is idle.
/// </summary>
public sealed class StalledWorkSweeper(IServiceScopeFactory scopes, IOptions<ProvisioningOptions> options, TimeProvider time,
    ILogger<StalledWorkSweeper> logger)
    : PollingSweeper(options.Value.ParkedCommandSweepInterval, time, logger)
{
    protected override string SweepName => "Stalled-work sweep";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    static readonly string[] OperationStates =
    [
        nameof(TenantStateMachine.Provisioning), nameof(TenantStateMachine.Updating),
        nameof(TenantStateMachine.Deprovisioning), nameof(TenantStateMachine.Compensating),
    ];

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var deadline = Time.GetUtcNow().UtcDateTime - options.Value.StalledOperationTimeout;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stalled = (await db.Tenants.AsNoTracking().Where(x => OperationStates.Contains(x.CurrentState)).ToListAsync(cancellationToken))
            .Where(x => x.UpdatedAt <= deadline);
        foreach (var tenant in stalled)
        {
            logger.LogWarning("{Operation} {CommandId} of tenant {TenantId} made no progress since {UpdatedAt}: resuming it",
                tenant.CurrentOperation, tenant.CurrentCommandId, tenant.TenantId, tenant.UpdatedAt);
            await publisher.Publish(new ResumeTenantOperation { CorrelationId = tenant.CorrelationId }, cancellationToken);
        }

        var waiting = (await db.Commands.AsNoTracking().Where(x => x.Status == TenantCommandStatus.Queued).ToListAsync(cancellationToken))
            .Where(x => x.ReceivedAt <= deadline);
        foreach (var command in waiting)
        {
            await publisher.Publish(new TenantCommandQueued
            {
                CorrelationId = Contracts.TenantIds.ToCorrelationId(command.TenantId), TenantId = command.TenantId,
                CommandId = command.CommandId, CommandType = command.CommandType,
            }, cancellationToken);
        }
    }
}
