namespace Provisioning.Components.Queries;

public sealed class ListTenantsConsumer(IDbContextFactory<ProvisioningDbContext> contexts, FleetBudgets budgets) : IConsumer<ListTenants>
{
    public async Task Consume(ConsumeContext<ListTenants> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.Message.State;
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var tenants = (await KnownTenants.In(db)
            .Where(x => state == null || x.CurrentState == state)
            .ToListAsync(context.CancellationToken))
            .Select(x => new TenantSummary
            {
                TenantId = x.TenantId, State = x.CurrentState, DispatchNamespace = x.DispatchNamespace, ScriptName = x.ScriptName, UpdatedAt = x.UpdatedAt,
                FailureCode = x.FailureCode, FailureReason = x.FailureText, BudgetWaitSince = x.CurrentOperation is null ? null : x.BudgetWaitSince,
            });
        var budget = await budgets.ReadAsync(db, context.CancellationToken);
        await context.RespondAsync(new TenantList { Tenants = tenants.OrderBy(x => x.TenantId, StringComparer.Ordinal).ToList(), Budget = budget });
    }
}
