using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A Workers Analytics Engine dataset. Binding type <c>analytics_engine</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Dataset">The dataset name.</param>
public sealed record AnalyticsEngineBinding(string Name, string Dataset) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.AnalyticsEngine;
}
