using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// The last resort for a message lost after it was published (the outbox relay already recovers a crash between a
/// commit and its publish): operations without progress for <c>StalledOperationTimeout</c> are asked to re-send their
/// current step, and commands still Queued after that long are announced to their saga again. Every replica sweeps,
/// and that is safe: the saga re-sends only when the operation is still silent (the first resume resets the clock, so
/// the others do nothing), a step result that turns out to be a duplicate is stale and ignored, and announcing a
/// command only starts it if the tenant is idle. An operation whose step waits for the Cloudflare API budget and keeps
/// its heartbeat fresh (younger than two <c>BudgetWaitHeartbeatInterval</c>s) is alive, not stalled. Reads <c>Provisioning:SweepBatchSize</c> rows at a time.
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
        var now = Time.GetUtcNow().UtcDateTime;
        var deadline = now - options.Value.StalledOperationTimeout;
        var heartbeatDeadline = now - (2 * options.Value.BudgetWaitHeartbeatInterval);
        var batchSize = options.Value.SweepBatchSize;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stalled = db.Tenants.AsNoTracking()
            .Where(x => OperationStates.Contains(x.CurrentState) && x.UpdatedAt <= deadline)
            .Where(x => x.BudgetWaitHeartbeat == null || x.BudgetWaitHeartbeat <= heartbeatDeadline)
            .OrderBy(x => x.UpdatedAt).ThenBy(x => x.CorrelationId);
        await foreach (var tenant in stalled.InBatchesAsync(batchSize, cancellationToken))
        {
            logger.LogWarning("{Operation} {CommandId} of tenant {TenantId} made no progress since {UpdatedAt}: resuming it",
                tenant.CurrentOperation, tenant.CurrentCommandId, tenant.TenantId, tenant.UpdatedAt);
            await publisher.Publish(new ResumeTenantOperation { CorrelationId = tenant.CorrelationId }, cancellationToken);
        }

        var waiting = db.Commands.AsNoTracking()
            .Where(x => x.Status == TenantCommandStatus.Queued && x.ReceivedAt <= deadline)
            .OrderBy(x => x.ReceivedAt).ThenBy(x => x.CommandId);
        await foreach (var command in waiting.InBatchesAsync(batchSize, cancellationToken))
        {
            await publisher.Publish(new TenantCommandQueued
            {
                CorrelationId = Contracts.TenantIds.ToCorrelationId(command.TenantId), TenantId = command.TenantId,
                CommandId = command.CommandId, CommandType = command.CommandType,
            }, cancellationToken);
        }
    }
}
