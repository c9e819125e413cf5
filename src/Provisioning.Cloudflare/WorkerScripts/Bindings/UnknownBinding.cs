using System.Text;
using System.Text.Json;

namespace Provisioning.Cloudflare;

/// <summary>
/// A binding of a type this client does not model (or could not read). <see cref="Raw"/> holds the JSON object
/// exactly as Cloudflare sent it, and it is written back unchanged, so bindings survive a GET-then-upload.
/// </summary>
public sealed record UnknownBinding : WorkerBinding
{
    /// <summary>Wraps a binding JSON object; it must have string <c>name</c> and <c>type</c> properties.</summary>
    /// <param name="raw">The binding object.</param>
    /// <exception cref="JsonException">The object has no string <c>name</c> or <c>type</c>.</exception>
    public UnknownBinding(JsonElement raw)
        : base(ReadString(raw, "name"))
    {
        Raw = raw.Clone();
        Type = ReadString(raw, "type");
    }

    /// <inheritdoc />
    public override string Type { get; }

    /// <summary>The binding object as received.</summary>
    public JsonElement Raw { get; }

    /// <inheritdoc />
    protected override bool PrintMembers(StringBuilder builder)
    {
        // Raw may be a secret-bearing type we do not know (e.g. a future secret kind); do not print it.
        builder.Append("Name = ").Append(Name).Append(", Type = ").Append(Type);
        return true;
    }

    private static string ReadString(JsonElement raw, string property) =>
        raw.ValueKind == JsonValueKind.Object
        && raw.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonException($"A binding needs a string '{property}' property.");
}
