using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>A plain-text variable (visible in the dashboard and in GET responses). Binding type <c>plain_text</c>.</summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Text">The value.</param>
public sealed record PlainTextBinding(string Name, string Text) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.PlainText;
}
