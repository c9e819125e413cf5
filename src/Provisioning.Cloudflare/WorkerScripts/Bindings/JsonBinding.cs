using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A JSON variable. Binding type <c>json</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Json">The value.</param>
public sealed record JsonBinding(string Name, JsonElement Json) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.Json;
}
