using System.Text.Json.Nodes;

namespace Provisioning.Components.Secrets;

/// <summary>
/// Finds the value of every <c>secret_text</c> binding in a command's JSON (any depth, any property casing) and
/// replaces it: the protector encrypts it at intake, the scrubber removes it once the command has ended.
/// </summary>
public static class SecretTexts
{
    /// <summary>The JSON with each secret value passed through <paramref name="change"/>; the same string when there is none.</summary>
    public static string Rewrite(string json, Func<string, string?> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var root = JsonNode.Parse(json);
        return root is not null && Rewrite(root, change) ? root.ToJsonString() : json;
    }

    static bool Rewrite(JsonNode node, Func<string, string?> change)
    {
        var changed = false;
        if (node is JsonObject obj && IsSecret(obj))
        {
            foreach (var (key, value) in obj.Where(p => string.Equals(p.Key, "text", StringComparison.OrdinalIgnoreCase) && p.Value is not null).ToList())
            {
                obj[key] = change(value!.GetValue<string>());
                changed = true;
            }
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.Where(v => v is not null).ToList())
        {
            changed |= Rewrite(child!, change);
        }

        return changed;
    }

    static bool IsSecret(JsonObject obj) =>
        obj.FirstOrDefault(p => string.Equals(p.Key, "type", StringComparison.OrdinalIgnoreCase)).Value is JsonValue type
        && type.TryGetValue<string>(out var name) && name == BindingTypes.SecretText;
}
