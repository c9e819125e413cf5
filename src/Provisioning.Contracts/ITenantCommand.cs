namespace Provisioning.Contracts;

/// <summary>
/// What every tenant command carries: the sender's idempotency key and the tenant it is about. The worker stores a
/// command once per <see cref="CommandId"/> and answers it with exactly one <see cref="ICommandOutcome"/>.
/// </summary>
public interface ITenantCommand
{
    /// <summary>The sender's id for this command; a repeat with the same id is answered, never run twice.</summary>
    Guid CommandId { get; }

    /// <summary>The platform's tenant id.</summary>
    string TenantId { get; }
}
