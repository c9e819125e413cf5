using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Queries;

/// <summary>
/// The tenants that exist for the platform. A command for an unknown tenant creates a saga row in <c>Pending</c> to
/// park it; until a ProvisionTenant is accepted for that id, the row is bookkeeping, not a tenant: the queries answer
/// TenantNotFound and the list leaves it out.
/// </summary>
public static class KnownTenants
{
    public static IQueryable<TenantState> In(ProvisioningDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Tenants.AsNoTracking().Where(t => t.CurrentState != nameof(TenantStateMachine.Pending)
            || db.Commands.Any(c => c.TenantId == t.TenantId && c.CommandType == nameof(ProvisionTenant) && c.Status != TenantCommandStatus.Rejected));
    }
}
