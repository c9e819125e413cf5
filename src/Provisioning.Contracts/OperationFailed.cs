namespace Provisioning.Contracts;

/// <summary>
/// The shape every failure event shares (TenantProvisioningFailed, BindingAttachFailed, ...): each is this record under
/// its own name, so a subscriber to one command's failures hears only those.
/// </summary>
public abstract record OperationFailed : ICommandFailed
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <inheritdoc />
    public string FailedStep { get; init; } = "";

    /// <inheritdoc />
    public int? ErrorCode { get; init; }

    /// <inheritdoc />
    public string ErrorMessage { get; init; } = "";

    /// <inheritdoc />
    public IReadOnlyList<ResourceInfo> Compensated { get; init; } = [];

    /// <inheritdoc />
    public bool CompensationFailed { get; init; }
}
