using Provisioning.Components.StateMachines;

namespace Provisioning.Components.Operator;

/// <summary>
/// The operator's way into the stalled-work recovery: checks that the tenant runs an operation idle for at least the
/// asked time, then asks its saga (<see cref="ResumeTenantOperation"/>) to send the current step again.
/// </summary>
public sealed class ResumeTenantConsumer(IDbContextFactory<ProvisioningDbContext> contexts, IOptions<ProvisioningOptions> options, TimeProvider time)
    : IConsumer<ResumeTenant>
{
    public async Task Consume(ConsumeContext<ResumeTenant> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (tenantId, ct) = (context.Message.TenantId, context.CancellationToken);
        var idleFor = context.Message.IdleFor ?? options.Value.StalledOperationTimeout;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(x => x.TenantId == tenantId, ct);
        if (tenant is null)
        {
            await context.RespondAsync(new TenantNotFound { TenantId = tenantId });
            return;
        }

        var idle = time.GetUtcNow().UtcDateTime - tenant.UpdatedAt;
        var refusal = tenant.CurrentCommandId is null || tenant.CurrentState == nameof(TenantStateMachine.CompensationFailed)
            ? $"Tenant '{tenantId}' is {tenant.CurrentState} and runs no operation; nothing to resume."
            : idle < idleFor
                ? $"{tenant.CurrentOperation} {tenant.CurrentCommandId} of tenant '{tenantId}' made progress {idle.TotalSeconds:0} s ago (less than {idleFor.TotalSeconds:0} s); nothing to resume."
                : null;
        if (refusal is not null)
        {
            await context.RespondAsync(new OperatorCommandRefused { TenantId = tenantId, Reason = refusal });
            return;
        }

        await context.Publish(new ResumeTenantOperation { CorrelationId = tenant.CorrelationId, IdleFor = idleFor }, ct);
        await context.RespondAsync(new TenantResumed
        {
            TenantId = tenantId, CommandId = tenant.CurrentCommandId!.Value, Operation = tenant.CurrentOperation ?? "", IdleSince = tenant.UpdatedAt,
        });
    }
}
