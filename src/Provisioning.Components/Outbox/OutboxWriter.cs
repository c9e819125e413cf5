using System.Text.Json;
using MassTransit.Serialization;

namespace Provisioning.Components.Outbox;

/// <summary>
/// Adds a message to the outbox of a DbContext instead of publishing it: the row is committed by the caller's own
/// SaveChanges, together with the state change that owes the message, or not at all. A successful SaveChanges of that
/// context wakes this process's relay, so the happy path publishes right after the commit.
/// With an <see cref="OutboxHandoff"/> (the worker's wiring) the rows are claimed by their own INSERT: a save outside an
/// explicit transaction writes this replica's lease (<c>Outbox:HandoffLease</c>) into them, and once it has committed
/// they go to the relay through the handoff instead of being claimed and read back by a poll.
/// </summary>
public sealed class OutboxWriter(OutboxSignal signal, OutboxReplica replica, TimeProvider time, OutboxHandoff? handoff = null,
    IOptions<OutboxOptions>? options = null)
{
    readonly TimeSpan _handoffLease = (options?.Value ?? new OutboxOptions()).HandoffLease;

    public void Add(ProvisioningDbContext db, object message, Type messageType, string? tenantId, Guid? commandId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(messageType);
        if (!messageType.IsInstanceOfType(message))
        {
            throw new ArgumentException($"The message is a {message.GetType().Name}, not a {messageType.Name}.", nameof(message));
        }

        // One subscription per context: the first row it holds subscribes, later rows find it there.
        if (!db.ChangeTracker.Entries<OutboxMessage>().Any(x => x.State == EntityState.Added))
        {
            Subscribe(db);
        }

        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = NewId.NextGuid(),
            MessageType = TypeName(messageType),
            Body = JsonSerializer.Serialize(message, messageType, SystemTextJsonMessageSerializer.Options),
            TenantId = tenantId,
            CommandId = commandId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = replica.Name,
        });
    }

    void Subscribe(ProvisioningDbContext db)
    {
        if (handoff is null)
        {
            db.SavedChanges += (_, _) => signal.Wake();
            return;
        }

        List<OutboxMessage> claimed = [];
        db.SavingChanges += (_, _) =>
        {
            // Inside an explicit transaction the commit comes later and may not come: those rows are left to the poll.
            // A context that saves several times subscribes once per save with rows: each row goes to the first
            // subscription that sees it unclaimed, so it is handed over once.
            claimed = db.Database.CurrentTransaction is null
                ? [.. db.ChangeTracker.Entries<OutboxMessage>().Where(x => x.State == EntityState.Added && x.Entity.LockedBy is null).Select(x => x.Entity)]
                : [];
            var claim = $"{replica.Name}/insert";
            var until = time.GetUtcNow().UtcDateTime + _handoffLease;
            foreach (var row in claimed)
            {
                row.LockedBy = claim;
                row.LockedUntil = until;
                row.Attempts = 1;
            }
        };
        db.SavedChanges += (_, _) =>
        {
            handoff.Add(claimed);
            signal.Wake();
        };
    }

    /// <summary>The name <see cref="Type.GetType(string)"/> resolves without version: rows survive a redeploy.</summary>
    public static string TypeName(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return $"{messageType.FullName}, {messageType.Assembly.GetName().Name}";
    }
}
