using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;
using static Provisioning.CloudflareEmulator.Tests.Support.OpenApiSubset;

namespace Provisioning.CloudflareEmulator.Tests;

/// <summary>
/// Results checked against Cloudflare's OpenAPI subset (2024-08-07) where it is current. Skipped because the
/// reference (§0, §2) says the subset is stale there:
/// - every R2 result: the list is {buckets: [...]} not an array, and `location` comes back upper-case (the spec's
///   enum is lower-case);
/// - KV rename: the spec says no result, newer SDKs return the Namespace;
/// - bindings other than kv_namespace and r2_bucket: the spec's oneOf lacks plain_text, secret_text, json and
///   more, and its d1 binding has an outdated shape (required `binding`, `name` = database name);
/// - secret_key secrets: the spec's secret type enum only has secret_text;
/// - `usage_model` of scripts and settings: the 2024 spec allows only bundled|unbound, while the current docs say
///   "standard" is the only allowed value, which is what the emulator answers.
/// </summary>
public sealed class OpenApiConformanceTests
{
    private const string Namespaces = "/accounts/{account_id}/workers/dispatch/namespaces";
    private const string Namespace = Namespaces + "/{dispatch_namespace}";
    private const string Script = Namespace + "/scripts/{script_name}";

    [Fact]
    public async Task Dispatch_namespace_results_conform()
    {
        await using var emulator = await StartAsync();

        AssertResultConforms((await emulator.PostJsonAsync($"{Account}/workers/dispatch/namespaces", """{"name":"production"}""")).AssertOk(), Namespaces, "post");
        AssertResultConforms((await emulator.GetAsync($"{Account}/workers/dispatch/namespaces")).AssertOk(), Namespaces, "get");
        AssertResultConforms((await emulator.GetAsync($"{Account}/workers/dispatch/namespaces/production")).AssertOk(), Namespace, "get");
        AssertResultConforms((await emulator.DeleteAsync($"{Account}/workers/dispatch/namespaces/production")).AssertOk(), Namespace, "delete");
    }

    [Fact]
    public async Task Script_results_conform()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var kv = await emulator.CreateKvAsync("cache");
        await emulator.CreateR2Async("tenant-files");
        var path = ScriptPath("production", "tenant-a");

        AssertResultConforms((await emulator.UploadAsync("production", "tenant-a", $$"""
            {"main_module":"index.js","compatibility_date":"2025-01-01","tags":["t"],
             "bindings":[{"type":"kv_namespace","name":"CACHE","namespace_id":"{{kv}}"},{"type":"r2_bucket","name":"FILES","bucket_name":"tenant-files"}]}
            """, query: "?excludeScript=true")).AssertOk(), Script, "put", "usage_model");
        AssertResultConforms((await emulator.GetAsync(path)).AssertOk(), Script, "get", "script/usage_model");
        AssertResultConforms((await emulator.GetAsync(path + "/bindings")).AssertOk(), Script + "/bindings", "get");
        AssertResultConforms((await emulator.GetAsync(path + "/settings")).AssertOk(), Script + "/settings", "get", "usage_model");
        AssertResultConforms((await emulator.SendAsync(HttpMethod.Patch, path + "/settings", JsonBody("""{"logpush":true}"""))).AssertOk(), Script + "/settings", "patch", "usage_model");
        AssertResultConforms((await emulator.PutJsonAsync(path + "/secrets", """{"name":"TOKEN","type":"secret_text","text":"s"}""")).AssertOk(), Script + "/secrets", "put");
        AssertResultConforms((await emulator.GetAsync(path + "/secrets")).AssertOk(), Script + "/secrets", "get");
        AssertResultConforms((await emulator.PutJsonAsync(path + "/tags", """["a","b"]""")).AssertOk(), Script + "/tags", "put");
        AssertResultConforms((await emulator.GetAsync(path + "/tags")).AssertOk(), Script + "/tags", "get");
    }

    [Fact]
    public async Task Kv_results_conform()
    {
        await using var emulator = await StartAsync();
        const string Kv = "/accounts/{account_id}/storage/kv/namespaces";

        var created = (await emulator.PostJsonAsync($"{Account}/storage/kv/namespaces", """{"title":"tenant"}""")).AssertOk();
        var id = created.Result!["id"]!.GetValue<string>();
        AssertResultConforms(created, Kv, "post");
        AssertResultConforms((await emulator.GetAsync($"{Account}/storage/kv/namespaces")).AssertOk(), Kv, "get");
        AssertResultConforms((await emulator.GetAsync($"{Account}/storage/kv/namespaces/{id}")).AssertOk(), Kv + "/{namespace_id}", "get");
        AssertResultConforms((await emulator.DeleteAsync($"{Account}/storage/kv/namespaces/{id}")).AssertOk(), Kv + "/{namespace_id}", "delete");
    }

    [Fact]
    public async Task D1_results_conform()
    {
        await using var emulator = await StartAsync();
        const string D1 = "/accounts/{account_id}/d1/database";

        var created = (await emulator.PostJsonAsync($"{Account}/d1/database", """{"name":"tenant-db"}""")).AssertOk();
        var uuid = created.Result!["uuid"]!.GetValue<string>();
        AssertResultConforms(created, D1, "post");
        AssertResultConforms((await emulator.GetAsync($"{Account}/d1/database")).AssertOk(), D1, "get");
        AssertResultConforms((await emulator.GetAsync($"{Account}/d1/database/{uuid}")).AssertOk(), D1 + "/{database_id}", "get");
        AssertResultConforms((await emulator.DeleteAsync($"{Account}/d1/database/{uuid}")).AssertOk(), D1 + "/{database_id}", "delete");
    }
}
