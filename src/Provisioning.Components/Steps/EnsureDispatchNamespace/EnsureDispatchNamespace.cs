namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>Makes sure the dispatch namespace exists (get, create when missing).</summary>
public sealed record EnsureDispatchNamespace : TenantStep
{
    public string Namespace { get; init; } = "";
}
