namespace Provisioning.Components.Steps.EnsureDispatchNamespace;

/// <summary>
/// Makes sure the dispatch namespace exists (get, create when missing). Shared by tenants: never undone. Plans made since
/// <see cref="CreateResources.CreateResources"/> exists ensure the namespace there; this step stays for plans stored before.
/// </summary>
public sealed record EnsureDispatchNamespace : TenantStep
{
    public string Namespace { get; init; } = "";
}
