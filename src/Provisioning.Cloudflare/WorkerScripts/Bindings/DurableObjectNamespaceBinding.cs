using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A Durable Object namespace. Binding type <c>durable_object_namespace</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="ClassName">The exported Durable Object class.</param>
/// <param name="ScriptName">The script that exports the class, when not this one.</param>
/// <param name="Environment">The environment of <paramref name="ScriptName"/>.</param>
/// <param name="NamespaceId">The Durable Object namespace id.</param>
/// <param name="DispatchNamespace">The dispatch namespace of <paramref name="ScriptName"/>.</param>
public sealed record DurableObjectNamespaceBinding(
    string Name,
    string? ClassName = null,
    string? ScriptName = null,
    string? Environment = null,
    string? NamespaceId = null,
    string? DispatchNamespace = null) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.DurableObjectNamespace;
}
