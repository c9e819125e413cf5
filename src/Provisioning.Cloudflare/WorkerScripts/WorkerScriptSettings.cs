using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// Script settings (<c>GET/PATCH …/settings</c>). In a PATCH only non-null properties are sent; a non-null
/// <see cref="Bindings"/> replaces the whole list (keep a binding by sending an <see cref="InheritBinding"/> or its name and type).
/// </summary>
public sealed record WorkerScriptSettings
{
    /// <summary>The bindings.</summary>
    public IReadOnlyList<WorkerBinding>? Bindings { get; init; }

    /// <summary>The compatibility date.</summary>
    public string? CompatibilityDate { get; init; }

    /// <summary>The compatibility flags.</summary>
    public IReadOnlyList<string>? CompatibilityFlags { get; init; }

    /// <summary>Whether Logpush is on.</summary>
    public bool? Logpush { get; init; }

    /// <summary>Script tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Usage model.</summary>
    public string? UsageModel { get; init; }

    /// <summary>Settings this client does not model (limits, observability, placement, tail consumers …), as received.</summary>
    // Settable rather than init: source-generated serializers treat init-only members as constructor parameters,
    // which extension data cannot be.
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
