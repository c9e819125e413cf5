namespace Provisioning.Contracts;

/// <summary>Answer to <see cref="ResumeTenant"/>: the running operation was asked to send its current step again.</summary>
public sealed record TenantResumed
{
    /// <summary>The command whose operation is resumed; its outcome event ends it.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>Type of that command (for example <c>ProvisionTenant</c>).</summary>
    public string Operation { get; init; } = "";

    /// <summary>When the operation last made progress (UTC).</summary>
    public DateTime IdleSince { get; init; }
}
