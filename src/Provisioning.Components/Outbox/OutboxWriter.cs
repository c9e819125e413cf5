using System.Text.Json;
using MassTransit.Serialization;

namespace Provisioning.Components.Outbox;

/// <summary>
/// Adds a message to the outbox of a DbContext instead of publishing it: the row is committed by the caller's own
/// SaveChanges, together with the state change that owes the message, or not at all. A successful SaveChanges of that
/// context wakes this process's relay, so the happy path publishes right after the commit.
/// </summary>
public sealed class OutboxWriter(OutboxSignal signal, OutboxReplica replica, TimeProvider time)
{
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
            db.SavedChanges += (_, _) => signal.Wake();
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

    /// <summary>The name <see cref="Type.GetType(string)"/> resolves without version: rows survive a redeploy.</summary>
    public static string TypeName(Type messageType)
    {
        ArgumentNullException.ThrowIfNull(messageType);
        return $"{messageType.FullName}, {messageType.Assembly.GetName().Name}";
    }
}
