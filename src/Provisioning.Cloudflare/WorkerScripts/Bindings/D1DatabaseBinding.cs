using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// A D1 database. Binding type <c>d1</c>. Sent as <c>database_id</c>; read from <c>database_id</c> or from the
/// deprecated <c>id</c> that wrangler still sends (which one GET returns is not established).
/// </summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="DatabaseId">The D1 database UUID.</param>
public sealed record D1DatabaseBinding(string Name, [property: JsonPropertyName("database_id")] string DatabaseId) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.D1;
}
