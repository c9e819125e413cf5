using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A Workers KV namespace. Binding type <c>kv_namespace</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="NamespaceId">The KV namespace id (32 hex).</param>
public sealed record KvNamespaceBinding(string Name, string NamespaceId) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.KvNamespace;
}
