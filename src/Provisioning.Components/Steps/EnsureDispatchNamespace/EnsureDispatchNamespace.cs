namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>Makes sure the dispatch namespace exists (get, create when missing). Shared by tenants: never undone.</summary>
public sealed record EnsureDispatchNamespace : TenantStep
{
    public string Namespace { get; init; } = "";
}
