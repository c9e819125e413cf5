using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioning.Cloudflare.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WorkerBindingJsonConverter)])]
[JsonSerializable(typeof(CloudflareEnvelope))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(DispatchNamespace))]
[JsonSerializable(typeof(List<DispatchNamespace>))]
[JsonSerializable(typeof(DispatchNamespaceCreateRequest))]
[JsonSerializable(typeof(KvNamespace))]
[JsonSerializable(typeof(List<KvNamespace>))]
[JsonSerializable(typeof(KvNamespaceTitleRequest))]
[JsonSerializable(typeof(D1Database))]
[JsonSerializable(typeof(List<D1Database>))]
[JsonSerializable(typeof(D1DatabaseCreateRequest))]
[JsonSerializable(typeof(R2Bucket))]
[JsonSerializable(typeof(R2BucketList))]
[JsonSerializable(typeof(R2BucketCreateRequest))]
[JsonSerializable(typeof(WorkerScript))]
[JsonSerializable(typeof(DispatchNamespaceScript))]
[JsonSerializable(typeof(WorkerScriptMetadata))]
[JsonSerializable(typeof(WorkerScriptSettings))]
[JsonSerializable(typeof(WorkerSecret))]
[JsonSerializable(typeof(List<WorkerSecret>))]
[JsonSerializable(typeof(WorkerSecretRequest))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(WorkerBinding))]
[JsonSerializable(typeof(List<WorkerBinding>))]
[JsonSerializable(typeof(KvNamespaceBinding))]
[JsonSerializable(typeof(D1DatabaseBinding))]
[JsonSerializable(typeof(R2BucketBinding))]
[JsonSerializable(typeof(PlainTextBinding))]
[JsonSerializable(typeof(SecretTextBinding))]
[JsonSerializable(typeof(JsonBinding))]
[JsonSerializable(typeof(ServiceBinding))]
[JsonSerializable(typeof(QueueBinding))]
[JsonSerializable(typeof(DurableObjectNamespaceBinding))]
[JsonSerializable(typeof(AnalyticsEngineBinding))]
[JsonSerializable(typeof(DispatchNamespaceBinding))]
[JsonSerializable(typeof(InheritBinding))]
internal sealed partial class CloudflareJsonContext : JsonSerializerContext;
