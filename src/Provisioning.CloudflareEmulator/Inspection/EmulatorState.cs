using System.Text.Json.Nodes;

namespace Provisioning.CloudflareEmulator.Inspection;

// The admin API's JSON (camelCase, System.Text.Json web defaults); tests deserialize it into these records.

/// <summary>GET /__emulator/state.</summary>
public sealed record EmulatorState(IReadOnlyList<AccountState> Accounts);

public sealed record AccountState(
    string AccountId,
    IReadOnlyList<DispatchNamespaceState> DispatchNamespaces,
    IReadOnlyList<ScriptState> Scripts,
    IReadOnlyList<KvNamespaceState> KvNamespaces,
    IReadOnlyList<D1DatabaseState> D1Databases,
    IReadOnlyList<R2BucketState> R2Buckets);

public sealed record DispatchNamespaceState(
    string Id,
    string Name,
    bool TrustedWorkers,
    int ScriptCount,
    DateTimeOffset CreatedOn,
    DateTimeOffset ModifiedOn);

/// <summary>
/// A script as stored. <see cref="Bindings"/> are the stored binding objects, secret values included (this is a
/// test inspection API; the Cloudflare surface never returns them). <see cref="ContentSha256"/> is the SHA-256
/// (lower-case hex) of the main module's bytes; <see cref="Modules"/> has one hash per part.
/// </summary>
public sealed record ScriptState(
    string Name,
    string Namespace,
    string NamespaceId,
    string Tag,
    string Etag,
    string DeploymentId,
    string? MainModule,
    string? BodyPart,
    string? ContentSha256,
    IReadOnlyList<ModuleState> Modules,
    IReadOnlyList<JsonObject> Bindings,
    IReadOnlyList<string> SecretNames,
    IReadOnlyList<string> Tags,
    string? CompatibilityDate,
    IReadOnlyList<string> CompatibilityFlags,
    DateTimeOffset CreatedOn,
    DateTimeOffset ModifiedOn);

public sealed record ModuleState(string Name, string ContentType, long Size, string Sha256);

public sealed record KvNamespaceState(string Id, string Title);

public sealed record D1DatabaseState(string Uuid, string Name, string? Jurisdiction, string? PrimaryLocationHint, DateTimeOffset CreatedAt);

public sealed record R2BucketState(string Name, string Jurisdiction, string Location, string StorageClass, DateTimeOffset CreationDate);

/// <summary>One entry of GET /__emulator/counters, keyed by operation name; ByStatus is keyed by HTTP status
/// ("0" = connection dropped by an injected fault).</summary>
public sealed record OperationCount(long Total, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>Body of POST /__emulator/faults. Null <see cref="Operation"/> matches every operation; null
/// <see cref="Count"/> lasts until removed; <see cref="Status"/> null/0 with a latency = slow but successful.</summary>
public sealed record FaultRequest
{
    public string? Operation { get; init; }
    public string? PathContains { get; init; }
    public int? Status { get; init; }
    public int? Code { get; init; }
    public string? Message { get; init; }
    public double? Probability { get; init; }
    public int? Count { get; init; }
    public int? LatencyMs { get; init; }
    public bool? DropConnection { get; init; }

    /// <summary>Retry-After (seconds) of the injected answer. An injected 429 always carries one, default 1 s,
    /// because Cloudflare's 429s always do; other statuses only when this is set.</summary>
    public int? RetryAfterSeconds { get; init; }
}

/// <summary>Answer of POST /__emulator/faults.</summary>
public sealed record FaultCreated(string Id);

/// <summary>An entry of GET /__emulator/faults.</summary>
public sealed record FaultState(string Id, FaultRequest Fault, int? Remaining);
