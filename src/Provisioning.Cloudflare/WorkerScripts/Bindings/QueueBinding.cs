using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A Queue producer. Binding type <c>queue</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="QueueName">The queue name.</param>
public sealed record QueueBinding(string Name, string QueueName) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.Queue;
}
