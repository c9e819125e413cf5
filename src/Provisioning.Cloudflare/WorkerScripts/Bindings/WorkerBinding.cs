using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// A binding of a Worker script: what <c>env.NAME</c> refers to at run time. Serialized with its <c>type</c>
/// discriminator; types this client does not model arrive as <see cref="UnknownBinding"/> and are sent back as received.
/// </summary>
/// <param name="Name">The JavaScript variable name of the binding (unique within a script).</param>
public abstract record WorkerBinding(string Name)
{
    /// <summary>The binding <c>type</c> discriminator, e.g. <c>kv_namespace</c>.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>The JavaScript variable name of the binding (unique within a script).</summary>
    [JsonPropertyOrder(-2)]
    public string Name { get; init; } = Name;

    /// <summary>
    /// Fields of a known binding type this client does not model (e.g. <c>raw</c>, <c>props</c>); kept so that a
    /// binding read from Cloudflare and uploaded again loses nothing.
    /// </summary>
    // Settable rather than init: source-generated serializers treat init-only members as constructor parameters,
    // which extension data cannot be.
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
