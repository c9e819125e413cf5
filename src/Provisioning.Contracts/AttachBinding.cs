namespace Provisioning.Contracts;

/// <summary>
/// Adds one binding to a tenant's script, keeping every existing one. Set exactly one of <see cref="Resource"/>
/// (a KV namespace, D1 database or R2 bucket to create) or <see cref="Binding"/>.
/// Answered by <see cref="BindingAttached"/>, <see cref="BindingAttachFailed"/> or <see cref="CommandRejected"/>.
/// </summary>
public sealed record AttachBinding : ITenantCommand
{
    /// <summary>Chosen by the sender; a repeated id has no second effect and re-publishes the outcome.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>A resource to create and bind.</summary>
    public ResourceSpec? Resource { get; init; }

    /// <summary>A binding that needs no resource.</summary>
    public BindingSpec? Binding { get; init; }
}
