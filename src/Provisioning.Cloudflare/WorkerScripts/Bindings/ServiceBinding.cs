using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>Another Worker (service binding). Binding type <c>service</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Service">The Worker's name.</param>
/// <param name="Environment">The Worker's environment.</param>
/// <param name="Entrypoint">A named entrypoint of the Worker.</param>
public sealed record ServiceBinding(string Name, string Service, string? Environment = null, string? Entrypoint = null) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.Service;
}
