namespace Provisioning.Contracts;

/// <summary>A binding of a tenant's script, as reported by <see cref="TenantStatus"/> (never a secret value).</summary>
public sealed record TenantBindingInfo
{
    /// <summary>The binding name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The binding type (<see cref="BindingTypes"/>).</summary>
    public string Type { get; init; } = "";

    /// <summary>Cloudflare name of the resource behind a KV, D1 or R2 binding.</summary>
    public string? ResourceName { get; init; }
}
