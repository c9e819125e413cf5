using System.Text.Json.Nodes;

namespace Provisioning.Components.Maintenance;

/// <summary>Removes secret values from a stored command once it has ended: the history keeps names, never values.</summary>
public static class CommandScrubber
{
    public static string WithoutSecrets(string payloadJson)
    {
        var root = JsonNode.Parse(payloadJson);
        return root is not null && Scrub(root) ? root.ToJsonString() : payloadJson;
    }

    static bool Scrub(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                var type = obj.FirstOrDefault(p => string.Equals(p.Key, "type", StringComparison.OrdinalIgnoreCase)).Value;
                if (type is JsonValue value && value.TryGetValue<string>(out var typeName) && typeName == BindingTypes.SecretText)
                {
                    foreach (var key in obj.Where(p => string.Equals(p.Key, "text", StringComparison.OrdinalIgnoreCase) && p.Value is not null).Select(p => p.Key).ToList())
                    {
                        obj[key] = null;
                        changed = true;
                    }
                }

                foreach (var child in obj.Select(p => p.Value).Where(v => v is not null).ToList())
                {
                    changed |= Scrub(child!);
                }

                break;
            case JsonArray array:
                foreach (var child in array.Where(v => v is not null).ToList())
                {
                    changed |= Scrub(child!);
                }

                break;
        }

        return changed;
    }
}
