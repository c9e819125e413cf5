using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Provisioning.CloudflareEmulator.Api;
using Provisioning.CloudflareEmulator.State;

namespace Provisioning.CloudflareEmulator.Scripts;

/// <summary>
/// Binding validation as the upload and settings endpoints do it. Each finding is its own error item, as
/// Cloudflare reports 10021 findings (docs/emulator.md).
/// </summary>
internal static partial class BindingRules
{
    public const string SecretText = "secret_text";
    public const string SecretKey = "secret_key";
    public const string Inherit = "inherit";

    // Every type of docs/emulator.md, with the fields a request must carry. A type outside this list is rejected with
    // 10021: modelling unknown-but-valid kinds conservatively keeps the emulator from accepting typos.
    private static readonly Dictionary<string, string[]> RequiredFields = new(StringComparer.Ordinal)
    {
        ["plain_text"] = ["text"],
        [SecretText] = ["text"],
        ["json"] = ["json"],
        [SecretKey] = ["algorithm", "format", "usages"],
        ["kv_namespace"] = ["namespace_id"],
        ["d1"] = [],
        ["r2_bucket"] = ["bucket_name"],
        ["service"] = ["service"],
        ["durable_object_namespace"] = [],
        ["queue"] = ["queue_name"],
        ["analytics_engine"] = ["dataset"],
        ["hyperdrive"] = ["id"],
        ["vectorize"] = ["index_name"],
        ["ai"] = [],
        ["browser"] = [],
        ["images"] = [],
        ["media"] = [],
        ["assets"] = [],
        ["version_metadata"] = [],
        ["stream"] = [],
        ["worker_loader"] = [],
        ["websearch"] = [],
        ["dispatch_namespace"] = ["namespace"],
        ["mtls_certificate"] = ["certificate_id"],
        ["send_email"] = [],
        ["workflow"] = ["workflow_name"],
        ["secrets_store_secret"] = ["store_id", "secret_name"],
        ["pipelines"] = [],
        ["ratelimit"] = ["namespace_id", "simple"],
        ["vpc_service"] = ["service_id"],
        ["vpc_network"] = [],
        ["ai_search"] = ["instance_name"],
        ["ai_search_namespace"] = ["namespace"],
        ["messaging"] = ["namespace"],
        ["flagship"] = ["app_id"],
        ["wasm_module"] = ["part"],
        ["text_blob"] = ["part"],
        ["data_blob"] = ["part"],
        [Inherit] = [],
    };

    private static readonly HashSet<string> SecretKeyFormats = new(StringComparer.Ordinal) { "raw", "pkcs8", "spki", "jwk" };

    public static bool IsKnownType(string type) => RequiredFields.ContainsKey(type);

    public static bool IsSecret(string? type) => type is SecretText or SecretKey;

    public static string NameOf(JsonObject binding) => binding.String("name") ?? "";

    public static string TypeOf(JsonObject binding) => binding.String("type") ?? "";

    /// <summary>Validates the shape of requested bindings; returns them as objects, or throws 400 with every finding.</summary>
    public static List<JsonObject> ValidateShapes(JsonNode? bindingsNode, IReadOnlySet<string> partNames, Func<JsonObject, JsonObject?>? keepExisting = null)
    {
        var findings = new List<ApiErrorItem>();
        var result = new List<JsonObject>();
        if (bindingsNode is null)
        {
            return result;
        }

        if (bindingsNode is not JsonArray array)
        {
            throw new ApiException(400, ErrorCodes.ScriptValidation, "bindings must be an array");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in array)
        {
            if (node is not JsonObject requested)
            {
                findings.Add(Finding("each binding must be an object"));
                continue;
            }

            var binding = (JsonObject)requested.DeepClone();
            var name = NameOf(binding);
            var type = TypeOf(binding);
            if (!JsIdentifier().IsMatch(name))
            {
                findings.Add(Finding($"binding name '{name}' is not a valid JavaScript identifier"));
            }
            else if (!seen.Add(name))
            {
                // UNCONFIRMED: Cloudflare once answered duplicate names with 10002 (workers-sdk#2893); we say 10021.
                findings.Add(Finding($"binding name '{name}' is used more than once"));
            }

            if (!RequiredFields.TryGetValue(type, out var required))
            {
                findings.Add(Finding($"binding {name} of type {type} is invalid: unknown binding type"));
                continue;
            }

            // PATCH settings: a binding sent as {name, type} only keeps the existing binding of that name and type.
            if (keepExisting is not null && binding.Count == 2 && keepExisting(binding) is { } existing)
            {
                result.Add((JsonObject)existing.DeepClone());
                continue;
            }

            findings.AddRange(CheckFields(binding, name, type, required, partNames));
            result.Add(binding);
        }

        if (findings.Count > 0)
        {
            throw new ApiException(400, findings);
        }

        return result;
    }

    /// <summary>Bindings whose target must exist in the same account (codes captured from the live API, docs/emulator.md).</summary>
    public static List<ApiErrorItem> MissingTargets(IEnumerable<JsonObject> bindings, EmulatorStore.StoreSession session, string accountId)
    {
        var findings = new List<ApiErrorItem>();
        foreach (var binding in bindings)
        {
            var name = NameOf(binding);
            switch (TypeOf(binding))
            {
                case "kv_namespace":
                    var namespaceId = binding.String("namespace_id");
                    if (!session.All<KvNamespaceEntity>(accountId).Any(k => k.Id == namespaceId))
                    {
                        findings.Add(new ApiErrorItem(ErrorCodes.KvBindingTargetMissing, $"KV namespace '{namespaceId}' is not valid for binding {name}"));
                    }

                    break;
                case "r2_bucket":
                    var bucket = binding.String("bucket_name");
                    var jurisdiction = binding.String("jurisdiction") ?? "default";
                    if (!session.All<R2BucketEntity>(accountId).Any(b => b.Name == bucket && b.Jurisdiction == jurisdiction))
                    {
                        findings.Add(new ApiErrorItem(ErrorCodes.R2BindingTargetMissing, $"R2 bucket '{bucket}' is not valid for binding {name}"));
                    }

                    break;
                case "d1":
                    var databaseId = D1Id(binding);
                    if (!session.All<D1DatabaseEntity>(accountId).Any(d => string.Equals(d.Uuid, databaseId, StringComparison.OrdinalIgnoreCase)))
                    {
                        findings.Add(new ApiErrorItem(ErrorCodes.D1BindingTargetMissing, $"D1 database '{databaseId}' is not valid for binding {name}"));
                    }

                    break;
                case "dispatch_namespace":
                    var dispatch = binding.String("namespace");
                    if (!session.All<DispatchNamespaceEntity>(accountId).Any(n => n.Name == dispatch))
                    {
                        findings.Add(new ApiErrorItem(ErrorCodes.DispatchNamespaceNotFound, $"dispatch namespace '{dispatch}' is not valid for binding {name}"));
                    }

                    break;
            }
        }

        return findings;
    }

    /// <summary>What GET bindings/settings return: write-only secret material removed (docs/emulator.md).</summary>
    public static JsonArray Public(IEnumerable<JsonNode?> bindings)
    {
        var result = new JsonArray();
        foreach (var node in bindings)
        {
            var binding = (JsonObject)node!.DeepClone();
            switch (TypeOf(binding))
            {
                case SecretText:
                    binding.Remove("text");
                    break;
                case SecretKey:
                    binding.Remove("key_base64");
                    binding.Remove("key_jwk");
                    break;
            }

            result.Add(binding);
        }

        return result;
    }

    public static string? D1Id(JsonObject binding) => binding.String("database_id") ?? binding.String("id");

    private static IEnumerable<ApiErrorItem> CheckFields(JsonObject binding, string name, string type, string[] required, IReadOnlySet<string> partNames)
    {
        foreach (var field in required)
        {
            if (!HasValue(binding[field]))
            {
                yield return Finding(type is "plain_text" or SecretText
                    ? $"invalid or missing text property for binding {name}"
                    : $"binding {name} of type {type} must have a valid `{field}` specified");
            }
        }

        switch (type)
        {
            case "d1":
                // wrangler sends the deprecated `id`; SDKs send `database_id`. Either names the database.
                if (!Guid.TryParse(D1Id(binding), out _))
                {
                    yield return Finding($"binding {name} of type d1 must have a valid `id` specified");
                }
                else
                {
                    binding["database_id"] ??= binding.String("id");
                }

                break;
            case SecretKey when binding.String("format") is { } format && !SecretKeyFormats.Contains(format):
                yield return Finding($"binding {name} of type secret_key has an invalid format '{format}'");
                break;
            case "pipelines" when !HasValue(binding["pipeline"]) && !HasValue(binding["stream"]):
                yield return Finding($"binding {name} of type pipelines must have a valid `pipeline` specified");
                break;
            case "wasm_module" or "text_blob" or "data_blob" when binding.String("part") is { } part && !partNames.Contains(part):
                yield return Finding($"binding {name} of type {type} references missing part '{part}'");
                break;
        }
    }

    private static bool HasValue(JsonNode? node) =>
        node is not null && !(node is JsonValue value && value.TryGetValue<string>(out var s) && s.Length == 0);

    private static ApiErrorItem Finding(string message) => new(ErrorCodes.ScriptValidation, message);

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex JsIdentifier();
}
