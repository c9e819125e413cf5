using System.Text;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare;

/// <summary>
/// An encrypted text variable. Binding type <c>secret_text</c>. Cloudflare never returns the value: read back,
/// <see cref="Text"/> is null, and re-sending such a binding fails with 10021 (use <c>keep_bindings</c> instead).
/// </summary>
/// <param name="Name">The JavaScript variable name.</param>
/// <param name="Text">The secret value; write-only.</param>
public sealed record SecretTextBinding(string Name, string? Text) : WorkerBinding(Name)
{
    /// <inheritdoc />
    [JsonPropertyOrder(-1)]
    public override string Type => WorkerBindingTypes.SecretText;

    /// <summary>The secret value; write-only, and never part of <see cref="ToString"/>.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; } = Text;

    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Type = ").Append(Type).Append(", Text = ***");
        return true;
    }
}
