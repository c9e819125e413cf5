namespace Provisioning.Cloudflare;

/// <summary>Every Cloudflare API path the client calls, relative to the base address.</summary>
internal static class CloudflareRoutes
{
    private const string DispatchNamespacesTemplate = "accounts/{account_id}/workers/dispatch/namespaces";
    private const string DispatchNamespaceTemplate = DispatchNamespacesTemplate + "/{dispatch_namespace}";
    private const string ScriptTemplate = DispatchNamespaceTemplate + "/scripts/{script_name}";
    private const string KvNamespacesTemplate = "accounts/{account_id}/storage/kv/namespaces";
    private const string D1DatabasesTemplate = "accounts/{account_id}/d1/database";
    private const string R2BucketsTemplate = "accounts/{account_id}/r2/buckets";

    public static CloudflareRoute DispatchNamespaces(string accountId) =>
        CloudflareRoute.Format(DispatchNamespacesTemplate, accountId);

    public static CloudflareRoute DispatchNamespace(string accountId, string dispatchNamespace) =>
        CloudflareRoute.Format(DispatchNamespaceTemplate, accountId, dispatchNamespace);

    public static CloudflareRoute Script(string accountId, string dispatchNamespace, string scriptName) =>
        CloudflareRoute.Format(ScriptTemplate, accountId, dispatchNamespace, scriptName);

    public static CloudflareRoute ScriptBindings(string accountId, string dispatchNamespace, string scriptName) =>
        CloudflareRoute.Format(ScriptTemplate + "/bindings", accountId, dispatchNamespace, scriptName);

    public static CloudflareRoute ScriptSettings(string accountId, string dispatchNamespace, string scriptName) =>
        CloudflareRoute.Format(ScriptTemplate + "/settings", accountId, dispatchNamespace, scriptName);

    public static CloudflareRoute ScriptSecrets(string accountId, string dispatchNamespace, string scriptName) =>
        CloudflareRoute.Format(ScriptTemplate + "/secrets", accountId, dispatchNamespace, scriptName);

    public static CloudflareRoute ScriptSecret(string accountId, string dispatchNamespace, string scriptName, string secretName) =>
        CloudflareRoute.Format(ScriptTemplate + "/secrets/{secret_name}", accountId, dispatchNamespace, scriptName, secretName);

    public static CloudflareRoute ScriptTags(string accountId, string dispatchNamespace, string scriptName) =>
        CloudflareRoute.Format(ScriptTemplate + "/tags", accountId, dispatchNamespace, scriptName);

    public static CloudflareRoute KvNamespaces(string accountId) =>
        CloudflareRoute.Format(KvNamespacesTemplate, accountId);

    public static CloudflareRoute KvNamespace(string accountId, string namespaceId) =>
        CloudflareRoute.Format(KvNamespacesTemplate + "/{namespace_id}", accountId, namespaceId);

    public static CloudflareRoute D1Databases(string accountId) =>
        CloudflareRoute.Format(D1DatabasesTemplate, accountId);

    public static CloudflareRoute D1Database(string accountId, string databaseIdOrName) =>
        CloudflareRoute.Format(D1DatabasesTemplate + "/{database_id}", accountId, databaseIdOrName);

    public static CloudflareRoute R2Buckets(string accountId) =>
        CloudflareRoute.Format(R2BucketsTemplate, accountId);

    public static CloudflareRoute R2Bucket(string accountId, string bucketName) =>
        CloudflareRoute.Format(R2BucketsTemplate + "/{bucket_name}", accountId, bucketName);
}
