using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A dispatch namespace (for dispatch Workers). Binding type <c>dispatch_namespace</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Namespace">The dispatch namespace name.</param>
/// <param name="Outbound">The outbound Worker configuration, as Cloudflare's JSON.</param>
public sealed record DispatchNamespaceBinding(string Name, string Namespace, JsonElement? Outbound = null) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.DispatchNamespace;
}
