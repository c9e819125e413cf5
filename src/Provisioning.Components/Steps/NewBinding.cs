namespace Provisioning.Components.Steps;

/// <summary>
/// A binding a step adds to the tenant's set: either a value (<see cref="Value"/>: plain text, secret, JSON, service,
/// ...) or a resource an earlier step created (<see cref="Resource"/>, found in the ledger by type and
/// <see cref="ResourceName"/>).
/// </summary>
public sealed record NewBinding
{
    public string Name { get; init; } = "";

    public BindingSpec? Value { get; init; }

    public ResourceSpec? Resource { get; init; }

    /// <summary>The resource's Cloudflare name (<c>wfp-{tenant}-{binding}</c>), with <see cref="Resource"/>.</summary>
    public string? ResourceName { get; init; }

    public string Type => Resource?.Type ?? Value?.Type ?? "";

    public static NewBinding For(BindingSpec value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new() { Name = value.Name, Value = value };
    }

    public static NewBinding For(ResourceSpec resource, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new() { Name = resource.BindingName, Resource = resource, ResourceName = resourceName };
    }
}
