namespace Provisioning.Contracts;

/// <summary>
/// A resource (KV namespace, D1 database or R2 bucket) to create for a tenant and bind to its script.
/// The Cloudflare name is derived from the tenant id and <see cref="BindingName"/>.
/// </summary>
public sealed record ResourceSpec
{
    /// <summary>The binding name the script sees (a JavaScript identifier, unique within the script).</summary>
    public string BindingName { get; init; } = "";

    /// <summary><c>kv_namespace</c>, <c>d1</c> or <c>r2_bucket</c> (<see cref="BindingTypes"/>).</summary>
    public string Type { get; init; } = "";

    /// <summary>Optional location hint for D1 and R2 (for example <c>weur</c>, <c>enam</c>); ignored for KV.</summary>
    public string? LocationHint { get; init; }

    /// <summary>Optional jurisdiction for D1 and R2 (<c>eu</c>, <c>fedramp</c>); ignored for KV.</summary>
    public string? Jurisdiction { get; init; }
}
