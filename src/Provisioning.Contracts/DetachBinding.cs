namespace Provisioning.Contracts;

/// <summary>
/// Removes one binding from a tenant's script, keeping every other one.
/// Answered by <see cref="BindingDetached"/>, <see cref="BindingDetachFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record DetachBinding : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The binding to remove.</summary>
    public string BindingName { get; init; } = "";

    /// <summary>Also delete the KV namespace, D1 database or R2 bucket behind it (its data is lost). Off by default.</summary>
    public bool DeleteResource { get; init; }
}
