using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Scripts;

/// <summary>Script-level settings shared by the upload metadata and PATCH settings, and the JSON the API returns.</summary>
internal static class ScriptFields
{
    public const int MaxTags = 8;

    private static readonly HashSet<string> UsageModels = new(StringComparer.Ordinal) { "standard", "bundled", "unbound" };
    private static readonly (string Name, Regex Pattern)[] HandlerPatterns =
        new[] { "fetch", "scheduled", "queue", "email", "tail", "trace", "alarm" }
            .Select(h => (h, new Regex($@"(\b{h}\s*(\(|:)|addEventListener\(\s*['""]{h}['""])", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToArray();

    /// <summary>
    /// Applies settings keys. A PUT replaces the script, so absent keys return to their defaults; a PATCH
    /// (<paramref name="partial"/>) changes only the keys present. Tags are kept when absent either way: they are
    /// managed by their own endpoints too.
    /// </summary>
    public static void Apply(ScriptEntity script, JsonObject source, bool partial)
    {
        var findings = new List<ApiErrorItem>();
        if (!partial || source.ContainsKey("compatibility_date"))
        {
            var date = source.String("compatibility_date");
            if (date is not null && !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                findings.Add(Finding($"invalid compatibility_date '{date}'"));
            }

            script.CompatibilityDate = date;
        }

        if (!partial || source.ContainsKey("compatibility_flags"))
        {
            script.CompatibilityFlags = StringList(source, "compatibility_flags", findings);
        }

        // wrangler serialises unset keys as null; null means "not given".
        if (source["tags"] is not null)
        {
            script.Tags = Tags(source["tags"], findings);
        }

        if (!partial || source.ContainsKey("usage_model"))
        {
            var usageModel = source.String("usage_model") ?? "standard";
            if (!UsageModels.Contains(usageModel))
            {
                findings.Add(Finding($"invalid usage_model '{usageModel}'"));
            }

            script.UsageModel = usageModel;
        }

        if (!partial || source.ContainsKey("logpush"))
        {
            script.Logpush = source.Bool("logpush") ?? false;
        }

        if (!partial || source.ContainsKey("placement"))
        {
            script.Placement = source["placement"]?.DeepClone();
        }

        if (!partial || source.ContainsKey("limits"))
        {
            script.Limits = source["limits"]?.DeepClone();
        }

        if (!partial || source.ContainsKey("observability"))
        {
            script.Observability = source["observability"]?.DeepClone();
        }

        if (!partial || source.ContainsKey("tail_consumers"))
        {
            script.TailConsumers = source["tail_consumers"]?.DeepClone();
        }

        if (source["migrations"] is JsonObject migrations && migrations.String("new_tag") is { } newTag)
        {
            script.MigrationTag = newTag;
        }

        if (findings.Count > 0)
        {
            throw new ApiException(400, findings);
        }
    }

    public static List<string> Tags(JsonNode? node, List<ApiErrorItem> findings)
    {
        var tags = node is JsonArray array
            ? array.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).ToList()
            : null;
        if (tags is null || tags.Any(t => t is null))
        {
            findings.Add(Finding("tags must be an array of strings"));
            return [];
        }

        var distinct = tags.Distinct(StringComparer.Ordinal).ToList()!;
        if (distinct.Count > MaxTags)
        {
            // UNCONFIRMED code: the limit of 8 is documented, its error is not.
            findings.Add(Finding($"a script can have at most {MaxTags} tags"));
        }

        return distinct!;
    }

    public static List<string> StringList(JsonObject source, string key, List<ApiErrorItem> findings)
    {
        if (source[key] is null)
        {
            return [];
        }

        if (source[key] is JsonArray array && array.All(n => n is JsonValue v && v.TryGetValue<string>(out _)))
        {
            return array.Select(n => n!.GetValue<string>()).ToList();
        }

        findings.Add(Finding($"{key} must be an array of strings"));
        return [];
    }

    /// <summary>Marks a new version: fresh deployment id, etag over code, bindings and settings.</summary>
    public static void NewVersion(ScriptEntity script, DateTimeOffset now)
    {
        script.ModifiedOn = now;
        script.DeploymentId = Guid.NewGuid().ToString("N");
        var fingerprint = new StringBuilder();
        foreach (var module in script.Modules)
        {
            fingerprint.Append(module.Name).Append(':').Append(Sha256Hex(module.Content)).Append(';');
        }

        fingerprint.Append(script.Bindings.ToJsonString()).Append(script.CompatibilityDate)
            .Append(string.Join(',', script.CompatibilityFlags)).Append(string.Join(',', script.Tags)).Append(script.UsageModel);
        script.Etag = Sha256Hex(Encoding.UTF8.GetBytes(fingerprint.ToString()));
        script.Handlers = DetectHandlers(script);
    }

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static JsonObject UpdateResponse(ScriptEntity script, bool includeScript)
    {
        var result = ScriptObject(script);
        result["startup_time_ms"] = script.StartupTimeMs;
        result["deployment_id"] = script.DeploymentId;
        result["pipeline_hash"] = script.Etag;
        result["mutable_pipeline_id"] = null;
        if (includeScript && MainModuleOf(script) is { } main && main.ContentType != "application/wasm")
        {
            result["script"] = Encoding.UTF8.GetString(main.Content);
        }

        return result;
    }

    public static JsonObject ScriptObject(ScriptEntity script) => new()
    {
        ["id"] = script.Name,
        ["tag"] = script.Tag,
        ["etag"] = script.Etag,
        ["created_on"] = Json.Timestamp(script.CreatedOn),
        ["modified_on"] = Json.Timestamp(script.ModifiedOn),
        ["compatibility_date"] = script.CompatibilityDate,
        ["compatibility_flags"] = new JsonArray(script.CompatibilityFlags.Select(f => (JsonNode?)f).ToArray()),
        ["handlers"] = new JsonArray(script.Handlers.Select(h => (JsonNode?)h).ToArray()),
        ["named_handlers"] = new JsonArray(),
        ["has_assets"] = false,
        ["has_modules"] = script.HasModules,
        ["last_deployed_from"] = "api",
        ["logpush"] = script.Logpush,
        ["migration_tag"] = script.MigrationTag,
        ["observability"] = script.Observability?.DeepClone(),
        ["placement"] = script.Placement?.DeepClone() ?? new JsonObject(),
        ["tags"] = new JsonArray(script.Tags.Select(t => (JsonNode?)t).ToArray()),
        ["tail_consumers"] = script.TailConsumers?.DeepClone() ?? new JsonArray(),
        ["usage_model"] = script.UsageModel,
    };

    public static JsonObject Settings(ScriptEntity script) => new()
    {
        ["bindings"] = BindingRules.Public(script.Bindings),
        ["compatibility_date"] = script.CompatibilityDate,
        ["compatibility_flags"] = new JsonArray(script.CompatibilityFlags.Select(f => (JsonNode?)f).ToArray()),
        ["limits"] = script.Limits?.DeepClone() ?? new JsonObject(),
        ["logpush"] = script.Logpush,
        ["observability"] = script.Observability?.DeepClone(),
        ["placement"] = script.Placement?.DeepClone() ?? new JsonObject(),
        ["tags"] = new JsonArray(script.Tags.Select(t => (JsonNode?)t).ToArray()),
        ["tail_consumers"] = script.TailConsumers?.DeepClone() ?? new JsonArray(),
        ["usage_model"] = script.UsageModel,
    };

    public static ScriptModule? MainModuleOf(ScriptEntity script)
    {
        var entry = script.MainModule ?? script.BodyPart;
        return script.Modules.FirstOrDefault(m => m.Name == entry);
    }

    // The real API learns handlers by running the script; a textual look is enough for an emulator.
    private static List<string> DetectHandlers(ScriptEntity script)
    {
        var main = MainModuleOf(script);
        if (main is null)
        {
            return [];
        }

        var text = Encoding.UTF8.GetString(main.Content);
        var found = HandlerPatterns.Where(h => h.Pattern.IsMatch(text)).Select(h => h.Name).ToList();
        return found.Count > 0 ? found : ["fetch"];
    }

    private static ApiErrorItem Finding(string message) => new(ErrorCodes.ScriptValidation, message);
}
