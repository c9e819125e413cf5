using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Maintenance;

/// <summary>
/// A command for a tenant id that was never provisioned leaves a <c>Pending</c> saga row behind it (to park the command).
/// Once the last parked command of that id is rejected, the row goes too: nothing existed, so nothing is kept but the
/// rejected commands. A row the saga changed meanwhile fails the version check and stays.
/// </summary>
public static class PhantomTenants
{
    public static async Task RemoveAsync(ProvisioningDbContext db, IEnumerable<string> tenantIds, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenantIds);
        foreach (var tenantId in tenantIds.Distinct())
        {
            var saga = await db.Tenants.SingleOrDefaultAsync(x => x.TenantId == tenantId && x.CurrentState == nameof(TenantStateMachine.Pending), cancellationToken);
            var waiting = await db.Commands.AnyAsync(x => x.TenantId == tenantId
                && (x.Status == TenantCommandStatus.Parked || x.Status == TenantCommandStatus.Queued || x.CommandType == nameof(ProvisionTenant)), cancellationToken);
            if (saga is null || waiting)
            {
                continue;
            }

            db.Tenants.Remove(saga);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Removed the pending record of tenant {TenantId}: it was never provisioned and its last parked command was rejected", tenantId);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
