namespace Provisioning.Contracts;

/// <summary>
/// The family of every event that answers a command: a success event (<see cref="ICommandSucceeded"/>), a failure
/// event (<see cref="ICommandFailed"/>) or <see cref="CommandRejected"/>. Subscribe to this interface to hear every
/// outcome once, whatever the command.
/// </summary>
public interface ICommandOutcome
{
    /// <summary>The command this answers.</summary>
    Guid CommandId { get; }

    /// <summary>The platform's tenant id.</summary>
    string TenantId { get; }
}
