namespace Provisioning.Contracts;

/// <summary>Outcome of a successful <see cref="RestoreBindings"/>: the script binds exactly the ledger's bindings again.</summary>
public sealed record BindingsRestored : ICommandSucceeded
{
    /// <summary>The command this answers.</summary>
    public Guid CommandId { get; init; }

    /// <summary>The platform's tenant id.</summary>
    public string TenantId { get; init; } = "";

    /// <summary>The bindings the script has now.</summary>
    public IReadOnlyList<string> Bindings { get; init; } = [];
}
