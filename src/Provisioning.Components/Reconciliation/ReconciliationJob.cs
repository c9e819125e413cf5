using Microsoft.Extensions.DependencyInjection;
using Provisioning.Components.Maintenance;

namespace Provisioning.Components.Reconciliation;

/// <summary>
/// The scheduled run (<see cref="ReconciliationOptions.Interval"/>). On PostgreSQL only the replica holding a
/// session advisory lock runs it, so N replicas make one run per interval; on SQLite there is one process.
/// </summary>
public sealed class ReconciliationJob(IServiceScopeFactory scopes, IOptions<ReconciliationOptions> options, TimeProvider time, ILogger<ReconciliationJob> logger)
    : PollingSweeper(options.Value.Interval > TimeSpan.Zero ? options.Value.Interval : Timeout.InfiniteTimeSpan, time, logger)
{
    // An arbitrary constant shared by every replica: the advisory lock's key.
    const long LockKey = 0x77_66_70_72_65_63;

    protected override string SweepName => "Scheduled reconciliation";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ProvisioningDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!locked)
            {
                logger.LogInformation("Scheduled reconciliation skipped: another replica is running it");
                return;
            }
        }

        try
        {
            var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
            await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(options.Value.Fix, bus, cancellationToken);
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
    }
}
