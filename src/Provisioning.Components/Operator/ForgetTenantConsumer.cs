using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Operator;

/// <summary>
/// Removes a Failed tenant that was never Active and owns nothing from the store (saga row, ledger, bindings, commands).
/// Everything else is refused with the reason. A saga row changed meanwhile fails the version check: refused, try again.
/// </summary>
public sealed class ForgetTenantConsumer(IDbContextFactory<ProvisioningDbContext> contexts, ILogger<ForgetTenantConsumer> logger) : IConsumer<ForgetTenant>
{
    public async Task Consume(ConsumeContext<ForgetTenant> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (tenantId, ct) = (context.Message.TenantId, context.CancellationToken);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.SingleOrDefaultAsync(x => x.TenantId == tenantId, ct);
        if (tenant is null)
        {
            await context.RespondAsync(new TenantNotFound { TenantId = tenantId });
            return;
        }

        var commands = await db.Commands.Where(x => x.TenantId == tenantId).ToListAsync(ct);
        var resources = await db.OwnedResources.Where(x => x.TenantId == tenantId).ToListAsync(ct);
        if (Refusal(tenant, commands, resources) is { } reason)
        {
            await context.RespondAsync(new OperatorCommandRefused { TenantId = tenantId, Reason = reason });
            return;
        }

        db.Tenants.Remove(tenant);
        db.Commands.RemoveRange(commands);
        db.OwnedResources.RemoveRange(resources);
        db.Bindings.RemoveRange(await db.Bindings.Where(x => x.TenantId == tenantId).ToListAsync(ct));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await context.RespondAsync(new OperatorCommandRefused { TenantId = tenantId, Reason = $"Tenant '{tenantId}' changed meanwhile; look at its status and try again." });
            return;
        }

        logger.LogWarning("Forgot tenant {TenantId}: removed its Failed saga, {ResourceCount} deleted ledger rows and {CommandCount} commands",
            tenantId, resources.Count, commands.Count);
        await context.RespondAsync(new TenantForgotten { TenantId = tenantId, CommandsRemoved = commands.Count });
    }

    static string? Refusal(TenantState tenant, List<TenantCommand> commands, List<OwnedResource> resources)
    {
        var id = tenant.TenantId;
        var owned = resources.Where(x => x.State != OwnedResourceState.Deleted).Select(x => $"{x.ResourceType} {x.Name}").ToList();
        return tenant.CurrentState switch
        {
            nameof(TenantStateMachine.Active) => $"Tenant '{id}' is Active; deprovision it instead.",
            nameof(TenantStateMachine.CompensationFailed) =>
                $"Tenant '{id}' is CompensationFailed: resources may be left behind; run retry-compensation first.",
            not nameof(TenantStateMachine.Failed) => $"Tenant '{id}' is {tenant.CurrentState}; only a Failed tenant can be forgotten.",
            _ when commands.Any(x => x.CommandType == nameof(ProvisionTenant) && x.Status == TenantCommandStatus.Succeeded) =>
                $"Tenant '{id}' was Active once; its history stays.",
            _ when commands.Any(x => x.Status is TenantCommandStatus.Queued or TenantCommandStatus.Parked or TenantCommandStatus.Running) =>
                $"Tenant '{id}' has commands waiting or running.",
            _ when owned.Count > 0 => $"Tenant '{id}' still owns {string.Join(", ", owned)} per the ledger.",
            _ => null,
        };
    }
}
