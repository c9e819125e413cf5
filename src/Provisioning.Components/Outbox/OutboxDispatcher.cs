using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit.Serialization;

namespace Provisioning.Components.Outbox;

/// <summary>
/// One relay pass over the outbox: claim a bounded batch of pending rows, publish them, mark them dispatched.
/// The claim is a conditional UPDATE of the lease columns (<c>LockedBy</c>, <c>LockedUntil</c>) on rows nobody holds:
/// PostgreSQL re-checks that condition on a row another transaction has just claimed, and SQLite runs one writer at a
/// time, so of several replicas exactly one wins each row. A relay that dies after publishing and before marking leaves
/// its rows to be published again once the lease ends: delivery is at least once.
/// </summary>
public sealed class OutboxDispatcher(
    IDbContextFactory<ProvisioningDbContext> contexts,
    IBus bus,
    OutboxReplica replica,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ProvisioningMetrics metrics,
    ILogger<OutboxDispatcher> logger,
    OutboxHandoff? handoff = null)
{
    /// <summary>
    /// Publishes one batch: rows this process's commits handed over (claimed by their INSERT) first, else rows claimed
    /// from the table; returns how many (a full batch means more may be waiting).
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var handedOver = handoff?.Take(options.Value.BatchSize) ?? [];
        var rows = handedOver.Count > 0 ? handedOver : await ClaimAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        LogLeftOvers(rows);
        var published = new ConcurrentQueue<OutboxMessage>();
        var unknown = new ConcurrentQueue<OutboxMessage>();
        try
        {
            // One tenant's rows in their order, different tenants side by side: each publish waits for the broker's
            // confirm, and a batch of many tenants' steps should not wait for them one after another.
            await Task.WhenAll(rows.GroupBy(x => x.TenantId).Select(async tenantRows =>
            {
                foreach (var row in tenantRows)
                {
                    (await PublishAsync(row, cancellationToken) ? published : unknown).Enqueue(row);
                }
            }));
        }
        finally
        {
            // Rows not reached after a failed publish go back at once; rows of an unknown type keep their lease, so
            // this replica does not claim them again on every poll.
            await MarkDispatchedAsync([.. published], CancellationToken.None);
            await ReleaseAsync(rows.Except(published).Except(unknown).Select(x => x.Id).ToList(), CancellationToken.None);
        }

        return rows.Count;
    }

    /// <summary>Rows not yet published, for the pending gauge.</summary>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.CountAsync(x => x.DispatchedAt == null, cancellationToken);
    }

    async Task<List<OutboxMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claim = $"{replica.Name}/{NewId.NextGuid():N}";
        var until = now + options.Value.LeaseDuration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One UPDATE with the batch as a subquery (ORDER BY ... LIMIT): the lease condition is checked again on each row
        // it writes, so a row another relay claimed since the subquery read it is left alone.
        var batch = db.OutboxMessages
            .Where(x => x.DispatchedAt == null && (x.LockedUntil == null || x.LockedUntil < now))
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .Take(options.Value.BatchSize)
            .Select(x => x.Id);
        var claimed = await db.OutboxMessages
            .Where(x => batch.Contains(x.Id) && x.DispatchedAt == null && (x.LockedUntil == null || x.LockedUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LockedBy, claim)
                .SetProperty(x => x.LockedUntil, until)
                .SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return [];
        }

        return await db.OutboxMessages.AsNoTracking()
            .Where(x => x.LockedBy == claim)
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .ToListAsync(cancellationToken);
    }

    async Task<bool> PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        // A type this build does not know (a newer replica wrote it during a rolling deploy) stays for a replica that does.
        var type = Type.GetType(row.MessageType, throwOnError: false);
        if (type is null)
        {
            logger.LogWarning("Outbox message {OutboxMessageId} for tenant {TenantId} has unknown type {MessageType}; leaving it to another replica",
                row.Id, row.TenantId, row.MessageType);
            return false;
        }

        var message = JsonSerializer.Deserialize(row.Body, type, SystemTextJsonMessageSerializer.Options)!;
        await bus.Publish(message, type, cancellationToken);
        metrics.RecordOutboxDispatch(time.GetUtcNow().UtcDateTime - row.CreatedAt);
        return true;
    }

    void LogLeftOvers(List<OutboxMessage> rows)
    {
        foreach (var left in rows.Where(x => x.CreatedBy != replica.Name || x.Attempts > 1).GroupBy(x => x.CreatedBy))
        {
            logger.LogInformation("Dispatching {OutboxCount} outbox messages left by replica {Replica}, oldest written {OldestAt}, up to {Attempts} claims",
                left.Count(), left.Key, left.Min(x => x.CreatedAt), left.Max(x => x.Attempts));
        }
    }

    async Task MarkDispatchedAsync(List<OutboxMessage> published, CancellationToken cancellationToken)
    {
        if (published.Count == 0)
        {
            return;
        }

        var ids = published.Select(x => x.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages.Where(x => ids.Contains(x.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DispatchedAt, now).SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
        logger.LogDebug("Dispatched {OutboxCount} outbox messages", ids.Count);
    }

    async Task ReleaseAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OutboxMessages.Where(x => ids.Contains(x.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockedUntil, (DateTime?)null), cancellationToken);
    }

    /// <summary>Deletes dispatched rows older than <c>Outbox:Retention</c>, at most one batch; returns how many.</summary>
    public async Task<int> DeleteDispatchedAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.Retention;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.OutboxMessages
            .Where(x => x.DispatchedAt != null && x.DispatchedAt < cutoff)
            .OrderBy(x => x.DispatchedAt)
            .Select(x => x.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        return ids.Count == 0 ? 0 : await db.OutboxMessages.Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
