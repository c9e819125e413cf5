namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="DetachBinding"/>; every other binding was kept.</summary>
public sealed record BindingDetached : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The removed binding's name.</summary>
    public string BindingName { get; init; } = "";

    /// <summary>The resource deleted with it, when <see cref="DetachBinding.DeleteResource"/> was set.</summary>
    public ResourceInfo? DeletedResource { get; init; }

    /// <summary>The resource behind the binding that was kept (detached without <see cref="DetachBinding.DeleteResource"/>, or adopted); null when there is none.</summary>
    public ResourceInfo? KeptResource { get; init; }
}
