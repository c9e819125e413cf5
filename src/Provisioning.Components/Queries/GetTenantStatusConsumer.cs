using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Queries;

/// <summary>Answers from the database, not the saga: a status query never waits behind a running operation.</summary>
public sealed class GetTenantStatusConsumer(IDbContextFactory<ProvisioningDbContext> contexts) : IConsumer<GetTenantStatus>
{
    const int RecentCommands = 20;

    public async Task Consume(ConsumeContext<GetTenantStatus> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tenantId = context.Message.TenantId;
        var ct = context.CancellationToken;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await KnownTenants.In(db).SingleOrDefaultAsync(x => x.TenantId == tenantId, ct);
        if (tenant is null)
        {
            await context.RespondAsync(new TenantNotFound { TenantId = tenantId });
            return;
        }

        var bindings = await db.Bindings.AsNoTracking().Where(x => x.TenantId == tenantId).ToListAsync(ct);
        var resources = await db.OwnedResources.AsNoTracking().Where(x => x.TenantId == tenantId).ToListAsync(ct);
        var commands = (await db.Commands.AsNoTracking().Where(x => x.TenantId == tenantId).ToListAsync(ct))
            .OrderByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Sequence).Take(RecentCommands);

        await context.RespondAsync(new TenantStatus
        {
            TenantId = tenantId,
            State = tenant.CurrentState,
            DispatchNamespace = tenant.DispatchNamespace,
            ScriptName = tenant.ScriptName,
            CurrentCommandId = tenant.CurrentCommandId,
            CurrentOperation = tenant.CurrentOperation,
            // A wait outlives its operation only when the replica died waiting; the next step clears it.
            BudgetWaitSince = tenant.CurrentOperation is null ? null : tenant.BudgetWaitSince,
            BudgetWaitPriority = tenant.CurrentOperation is null ? null : tenant.BudgetWaitPriority,
            FailureReason = tenant.FailureText,
            Bindings = bindings.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new TenantBindingInfo
            {
                Name = x.Name, Type = x.Type, ResourceName = resources.FirstOrDefault(r => r.Id == x.OwnedResourceId)?.Name,
            }).ToList(),
            Resources = resources.OrderBy(x => x.CreatedAt).Select(x => x.ToInfo()).ToList(),
            RecentCommands = commands.Select(x => new CommandInfo
            {
                CommandId = x.CommandId, CommandType = x.CommandType, Status = x.Status.ToString(), OutcomeType = x.OutcomeType,
                ReceivedAt = x.ReceivedAt, EndedAt = x.EndedAt,
            }).ToList(),
            CreatedAt = tenant.CreatedAt,
            UpdatedAt = tenant.UpdatedAt,
        });
    }
}
