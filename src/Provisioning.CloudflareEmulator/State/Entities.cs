using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Provisioning.CloudflareEmulator.State;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(DispatchNamespaceEntity), "dispatch_namespace")]
[JsonDerivedType(typeof(ScriptEntity), "script")]
[JsonDerivedType(typeof(KvNamespaceEntity), "kv_namespace")]
[JsonDerivedType(typeof(D1DatabaseEntity), "d1_database")]
[JsonDerivedType(typeof(R2BucketEntity), "r2_bucket")]
internal abstract class Entity
{
    public string AccountId { get; set; } = "";

    [JsonIgnore]
    public abstract string Key { get; }
}

internal sealed class DispatchNamespaceEntity : Entity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public bool TrustedWorkers { get; set; }
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset ModifiedOn { get; set; }

    public override string Key => $"ns/{AccountId}/{Id}";
}

internal sealed class ScriptModule
{
    public string Name { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}

internal sealed class ScriptEntity : Entity
{
    // Keyed by namespace id, not name, so renaming a namespace keeps its scripts.
    public string NamespaceId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Tag { get; set; } = "";
    public string Etag { get; set; } = "";
    public string DeploymentId { get; set; } = "";
    public DateTimeOffset CreatedOn { get; set; }
    public DateTimeOffset ModifiedOn { get; set; }
    public List<ScriptModule> Modules { get; set; } = [];
    public string? MainModule { get; set; }
    public string? BodyPart { get; set; }
    public JsonArray Bindings { get; set; } = [];
    public string? CompatibilityDate { get; set; }
    public List<string> CompatibilityFlags { get; set; } = [];
    public List<string> Tags { get; set; } = [];
    public string UsageModel { get; set; } = "standard";
    public bool Logpush { get; set; }
    public JsonNode? Placement { get; set; }
    public JsonNode? Limits { get; set; }
    public JsonNode? Observability { get; set; }
    public JsonNode? TailConsumers { get; set; }
    public string? MigrationTag { get; set; }
    public List<string> Handlers { get; set; } = [];
    public int StartupTimeMs { get; set; }

    public bool HasModules => MainModule is not null;

    public override string Key => $"script/{AccountId}/{NamespaceId}/{Name}";
}

internal sealed class KvNamespaceEntity : Entity
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";

    public override string Key => $"kv/{AccountId}/{Id}";
}

internal sealed class D1DatabaseEntity : Entity
{
    public string Uuid { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Jurisdiction { get; set; }
    public string? PrimaryLocationHint { get; set; }
    public string ReadReplicationMode { get; set; } = "disabled";
    public DateTimeOffset CreatedAt { get; set; }

    public override string Key => $"d1/{AccountId}/{Uuid}";
}

internal sealed class R2BucketEntity : Entity
{
    public string Name { get; set; } = "";
    public string Jurisdiction { get; set; } = "default";
    public string Location { get; set; } = "";
    public string StorageClass { get; set; } = "Standard";
    public DateTimeOffset CreationDate { get; set; }

    public override string Key => $"r2/{AccountId}/{Jurisdiction}/{Name}";
}
