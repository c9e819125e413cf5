using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare.Serialization;

internal sealed record DispatchNamespaceCreateRequest(string Name);

internal sealed record KvNamespaceTitleRequest(string Title);

internal sealed record D1DatabaseCreateRequest(string Name, string? PrimaryLocationHint, string? Jurisdiction);

// R2 takes camelCase body keys, unlike every other product.
internal sealed record R2BucketCreateRequest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("locationHint")] string? LocationHint,
    [property: JsonPropertyName("storageClass")] string? StorageClass);

internal sealed record R2BucketList(List<R2Bucket>? Buckets);

internal sealed record WorkerSecretRequest(string Name, string Type, string Text);

internal sealed record WorkerScriptMetadata(
    string? MainModule,
    string? CompatibilityDate,
    IReadOnlyList<string>? CompatibilityFlags,
    IReadOnlyList<WorkerBinding> Bindings,
    IReadOnlyList<string>? KeepBindings,
    IReadOnlyList<string>? Tags);
