namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="AttachBinding"/>; every other binding was kept.</summary>
public sealed record BindingAttached : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The new binding's name.</summary>
    public string BindingName { get; init; } = "";

    /// <summary>The new binding's type.</summary>
    public string BindingType { get; init; } = "";

    /// <summary>The resource created or adopted for it (KV, D1, R2 bindings only).</summary>
    public ResourceInfo? Resource { get; init; }
}
