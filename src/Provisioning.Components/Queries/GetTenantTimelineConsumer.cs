namespace Provisioning.Components.Queries;

/// <summary>A tenant's timeline from the TenantEvents table, newest first, a page at a time.</summary>
public sealed class GetTenantTimelineConsumer(IDbContextFactory<ProvisioningDbContext> contexts) : IConsumer<GetTenantTimeline>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public async Task Consume(ConsumeContext<GetTenantTimeline> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (tenantId, before) = (context.Message.TenantId, context.Message.Before);
        var limit = Math.Clamp(context.Message.Limit ?? DefaultLimit, 1, MaxLimit);
        var ct = context.CancellationToken;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var state = await db.Tenants.AsNoTracking().Where(x => x.TenantId == tenantId).Select(x => x.CurrentState).SingleOrDefaultAsync(ct);
        if (state is null)
        {
            await context.RespondAsync(new TenantNotFound { TenantId = tenantId });
            return;
        }

        // One more than asked for tells whether an older page exists.
        var rows = await db.TenantEvents.AsNoTracking()
            .Where(x => x.TenantId == tenantId && (before == null || x.Id < before))
            .OrderByDescending(x => x.Id).Take(limit + 1)
            .ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        await context.RespondAsync(new TenantTimeline
        {
            TenantId = tenantId,
            State = state,
            Entries = page.Select(x => new TenantTimelineEntry
            {
                Id = x.Id, At = x.At, Kind = x.Kind, CommandId = x.CommandId, CommandType = x.CommandType, Step = x.Step, StepIndex = x.StepIndex,
                Undo = x.Undo, Resource = x.Resource, Status = x.Status, OutcomeType = x.OutcomeType, ErrorCode = x.ErrorCode, Message = x.Message,
            }).ToList(),
            NextBefore = rows.Count > limit ? page[^1].Id : null,
        });
    }
}
