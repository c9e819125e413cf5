using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// Keep a binding of the previous version (request only). Binding type <c>inherit</c>. Unresolvable inherit
/// bindings are silently dropped unless the upload asks for strict inheritance (then 10057).
/// </summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="OldName">The binding's name in the previous version, to rename it.</param>
/// <param name="VersionId">The version to inherit from; default the latest.</param>
public sealed record InheritBinding(string Name, string? OldName = null, string? VersionId = null) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.Inherit;
}
