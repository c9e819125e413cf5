namespace Provisioning.Contracts;

/// <summary>
/// A command was not carried out because it is invalid or cannot apply (bad tenant id or binding name, unknown
/// tenant, ...). Nothing was created or changed.
/// </summary>
public sealed record CommandRejected : ICommandOutcome
{
    /// <summary>The rejected command's id.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The tenant id as the command gave it (possibly invalid).</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The command type (for example <c>AttachBinding</c>).</summary>
    public string CommandType { get; init; } = "";

    /// <summary>What is wrong, worded so the sender can fix it.</summary>
    public string Reason { get; init; } = "";
}
