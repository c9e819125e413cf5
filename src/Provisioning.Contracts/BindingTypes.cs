namespace Provisioning.Contracts;

/// <summary>
/// Binding type names as Cloudflare's Workers metadata spells them (the <c>type</c> field of a binding).
/// </summary>
public static class BindingTypes
{
    /// <summary>A Workers KV namespace the worker creates for the tenant.</summary>
    public const string KvNamespace = "kv_namespace";

    /// <summary>A D1 database the worker creates for the tenant.</summary>
    public const string D1 = "d1";

    /// <summary>An R2 bucket the worker creates for the tenant.</summary>
    public const string R2Bucket = "r2_bucket";

    /// <summary>A plain text environment variable (<see cref="BindingSpec.Text"/>).</summary>
    public const string PlainText = "plain_text";

    /// <summary>An encrypted secret (<see cref="BindingSpec.Text"/>); its value is never stored or logged by the worker.</summary>
    public const string SecretText = "secret_text";

    /// <summary>A JSON environment variable (<see cref="BindingSpec.Json"/>).</summary>
    public const string Json = "json";

    /// <summary>A service binding to another Worker (<see cref="BindingSpec.Service"/>).</summary>
    public const string Service = "service";

    /// <summary>A Queues producer binding (<see cref="BindingSpec.QueueName"/>).</summary>
    public const string Queue = "queue";

    /// <summary>A Workers Analytics Engine dataset (<see cref="BindingSpec.Dataset"/>).</summary>
    public const string AnalyticsEngine = "analytics_engine";

    /// <summary>A Durable Object namespace (<see cref="BindingSpec.ClassName"/>, <see cref="BindingSpec.ScriptName"/>).</summary>
    public const string DurableObjectNamespace = "durable_object_namespace";

    /// <summary>A dispatch namespace binding (<see cref="BindingSpec.Namespace"/>).</summary>
    public const string DispatchNamespace = "dispatch_namespace";

    /// <summary>Types backed by a resource the worker creates and owns: used in <see cref="ResourceSpec"/>.</summary>
    public static IReadOnlyList<string> ResourceTypes { get; } = [KvNamespace, D1, R2Bucket];

    /// <summary>Types given as a <see cref="BindingSpec"/> (no resource is created for them).</summary>
    public static IReadOnlyList<string> NonResourceTypes { get; } =
        [PlainText, SecretText, Json, Service, Queue, AnalyticsEngine, DurableObjectNamespace, DispatchNamespace];

    /// <summary>True for <c>kv_namespace</c>, <c>d1</c> and <c>r2_bucket</c>.</summary>
    public static bool IsResourceType(string? type) => type is not null && ResourceTypes.Contains(type);

    /// <summary>True for the types in <see cref="NonResourceTypes"/>.</summary>
    public static bool IsNonResourceType(string? type) => type is not null && NonResourceTypes.Contains(type);
}
