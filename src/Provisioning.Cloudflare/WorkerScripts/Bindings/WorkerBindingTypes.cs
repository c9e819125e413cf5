namespace Provisioning.Cloudflare;

/// <summary>Binding <c>type</c> values, also usable in <see cref="WorkerScriptUpload.KeepBindings"/>.</summary>
public static class WorkerBindingTypes
{
    /// <summary><c>kv_namespace</c></summary>
    public const string KvNamespace = "kv_namespace";

    /// <summary><c>d1</c></summary>
    public const string D1 = "d1";

    /// <summary><c>r2_bucket</c></summary>
    public const string R2Bucket = "r2_bucket";

    /// <summary><c>plain_text</c></summary>
    public const string PlainText = "plain_text";

    /// <summary><c>secret_text</c></summary>
    public const string SecretText = "secret_text";

    /// <summary><c>secret_key</c> (not modelled; read as <see cref="UnknownBinding"/>).</summary>
    public const string SecretKey = "secret_key";

    /// <summary><c>json</c></summary>
    public const string Json = "json";

    /// <summary><c>service</c></summary>
    public const string Service = "service";

    /// <summary><c>queue</c></summary>
    public const string Queue = "queue";

    /// <summary><c>durable_object_namespace</c></summary>
    public const string DurableObjectNamespace = "durable_object_namespace";

    /// <summary><c>analytics_engine</c></summary>
    public const string AnalyticsEngine = "analytics_engine";

    /// <summary><c>dispatch_namespace</c></summary>
    public const string DispatchNamespace = "dispatch_namespace";

    /// <summary><c>inherit</c></summary>
    public const string Inherit = "inherit";
}
