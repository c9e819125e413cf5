namespace Provisioning.Components.Operations;

/// <summary>A tenant as an operation plans against it: lifecycle, placement, and its ledger (bindings and resources).</summary>
public sealed record TenantView
{
    public string TenantId { get; init; } = "";

    public TenantLifecycle Lifecycle { get; init; }

    public string? DispatchNamespace { get; init; }

    public string? ScriptName { get; init; }

    public IReadOnlyList<TenantBinding> Bindings { get; init; } = [];

    /// <summary>Every ledger row of the tenant, deleted ones included.</summary>
    public IReadOnlyList<OwnedResource> Resources { get; init; } = [];

    public bool HasBinding(string name) => Bindings.Any(x => x.Name == name);

    public OwnedResource? ResourceOf(TenantBinding binding) =>
        binding is { OwnedResourceId: { } id } ? Resources.SingleOrDefault(x => x.Id == id) : null;

    /// <summary>Resources the worker created (not adopted) and has not deleted, newest first.</summary>
    public IEnumerable<OwnedResource> LiveOwnResources =>
        Resources.Where(x => x.State != OwnedResourceState.Deleted && !x.Adopted).OrderByDescending(x => x.CreatedAt);
}
