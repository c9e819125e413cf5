using Provisioning.Cloudflare.Budget;
using Provisioning.Components.Persistence.Budget;

namespace Provisioning.Components.Queries;

/// <summary>
/// The fleet's Cloudflare API budget for the tenant list: the configured budget, the bucket now (the shared row on
/// PostgreSQL, this node's in-process bucket on SQLite, which is then the only replica), a pause after a 429, and how
/// many tenants wait for the budget (saga rows with <c>BudgetWaitSince</c> set while an operation runs).
/// </summary>
public sealed class FleetBudgets(RequestBudgetReader reader, IRequestBudgetStore store)
{
    public async Task<FleetBudget> ReadAsync(ProvisioningDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var budget = await reader.ReadAsync(cancellationToken);
        var waiting = await db.Tenants.CountAsync(x => x.BudgetWaitSince != null && x.CurrentOperation != null, cancellationToken);
        return new FleetBudget
        {
            RequestBudget = budget.RequestBudget, RequestBudgetWindow = budget.Window, Burst = budget.Burst,
            TokensLeft = Math.Round(budget.Reading.Tokens, 2), Shared = store is PostgresRequestBudgetStore,
            PausedUntil = budget.Reading.PausedUntil?.UtcDateTime, TenantsWaiting = waiting,
        };
    }
}
