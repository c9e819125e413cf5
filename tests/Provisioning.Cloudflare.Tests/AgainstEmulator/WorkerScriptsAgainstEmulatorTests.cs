using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Inspection;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class WorkerScriptsAgainstEmulatorTests
{
    private const string Namespace = "wfp-tenants";
    private const string Script = "tenant-42";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upload_sends_modules_metadata_and_every_modelled_binding_type()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var targets = await CreateTargetsAsync(emulator.Client);
        var upload = FullUpload(targets);

        var result = await emulator.Client.Scripts.UploadAsync(Namespace, Script, upload, None);

        Assert.Equal(Script, result.Id);
        Assert.Equal("2025-09-01", result.CompatibilityDate);
        Assert.Equal(["nodejs_compat"], result.CompatibilityFlags);
        Assert.Equal(["tenant:42", "plan:free"], result.Tags);
        Assert.Equal(["fetch"], result.Handlers);
        Assert.True(result.HasModules);
        Assert.False(string.IsNullOrEmpty(result.Etag));
        Assert.False(string.IsNullOrEmpty(result.DeploymentId));

        var stored = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(Namespace, stored.Namespace);
        Assert.Equal("index.js", stored.MainModule);
        Assert.Equal(Modules.Sha256Hex(Modules.IndexSource), stored.ContentSha256);
        Assert.Equal(
            [("index.js", "application/javascript+module", Modules.Sha256Hex(Modules.IndexSource)), ("greet.js", "application/javascript+module", Modules.Sha256Hex(Modules.GreetSource))],
            stored.Modules.Select(m => (m.Name, m.ContentType, m.Sha256)));
        Assert.Equal(result.Etag, stored.Etag);
        Assert.Equal(result.DeploymentId, stored.DeploymentId);
        Assert.Equal("2025-09-01", stored.CompatibilityDate);
        Assert.Equal(["nodejs_compat"], stored.CompatibilityFlags);
        Assert.Equal(["tenant:42", "plan:free"], stored.Tags);
        Assert.Equal(["API_TOKEN"], stored.SecretNames);

        // What the emulator stored is what the client put on the wire, field by field (the inherit binding had
        // nothing to inherit from on a first upload and was dropped, as Cloudflare does without strict).
        Assert.Equal(
            ["KV", "DB", "BUCKET", "EU_BUCKET", "GREETING", "API_TOKEN", "CONFIG", "AUTH", "JOBS", "COUNTER", "EVENTS", "DISPATCHER"],
            stored.Bindings.Select(b => (string)b["name"]!));
        AssertStored(stored, "KV", """{"name":"KV","type":"kv_namespace","namespace_id":"__KV__"}""".Replace("__KV__", targets.KvId));
        AssertStored(stored, "DB", """{"name":"DB","type":"d1","database_id":"__D1__"}""".Replace("__D1__", targets.D1Id));
        AssertStored(stored, "BUCKET", """{"name":"BUCKET","type":"r2_bucket","bucket_name":"tenant-42-files"}""");
        AssertStored(stored, "EU_BUCKET", """{"name":"EU_BUCKET","type":"r2_bucket","bucket_name":"tenant-42-eu","jurisdiction":"eu"}""");
        AssertStored(stored, "GREETING", """{"name":"GREETING","type":"plain_text","text":"world"}""");
        AssertStored(stored, "API_TOKEN", """{"name":"API_TOKEN","type":"secret_text","text":"s3cr3t-value"}""");
        AssertStored(stored, "CONFIG", """{"name":"CONFIG","type":"json","json":{"plan":"free","limits":[1,2]}}""");
        AssertStored(stored, "AUTH", """{"name":"AUTH","type":"service","service":"auth-worker","environment":"production","entrypoint":"AuthEntrypoint"}""");
        AssertStored(stored, "JOBS", """{"name":"JOBS","type":"queue","queue_name":"tenant-jobs"}""");
        AssertStored(stored, "COUNTER", """{"name":"COUNTER","type":"durable_object_namespace","class_name":"Counter","script_name":"counter-worker"}""");
        AssertStored(stored, "EVENTS", """{"name":"EVENTS","type":"analytics_engine","dataset":"tenant_events"}""");
        AssertStored(stored, "DISPATCHER", """{"name":"DISPATCHER","type":"dispatch_namespace","namespace":"wfp-tenants"}""");
    }

    [Fact]
    public async Task Get_bindings_and_settings_read_back_what_was_uploaded()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var scripts = emulator.Client.Scripts;
        var targets = await CreateTargetsAsync(emulator.Client);
        var uploaded = await scripts.UploadAsync(Namespace, Script, FullUpload(targets), None);

        var script = await scripts.GetAsync(Namespace, Script, None);
        Assert.Equal(Namespace, script.DispatchNamespace);
        Assert.Equal(Script, script.Script?.Id);
        Assert.Equal(uploaded.Etag, script.Script?.Etag);
        Assert.Equal(uploaded.Tag, script.Script?.Tag);
        Assert.NotNull(script.ModifiedOn);

        var bindings = await scripts.GetBindingsAsync(Namespace, Script, None);
        Assert.Equal(12, bindings.Count);
        Assert.Equal(new KvNamespaceBinding("KV", targets.KvId), Single<KvNamespaceBinding>(bindings, "KV"));
        Assert.Equal(new D1DatabaseBinding("DB", targets.D1Id), Single<D1DatabaseBinding>(bindings, "DB"));
        Assert.Equal(new R2BucketBinding("BUCKET", "tenant-42-files"), Single<R2BucketBinding>(bindings, "BUCKET"));
        Assert.Equal(new R2BucketBinding("EU_BUCKET", "tenant-42-eu", "eu"), Single<R2BucketBinding>(bindings, "EU_BUCKET"));
        Assert.Equal(new PlainTextBinding("GREETING", "world"), Single<PlainTextBinding>(bindings, "GREETING"));
        // Secret values are write-only.
        Assert.Null(Single<SecretTextBinding>(bindings, "API_TOKEN").Text);
        Assert.True(JsonElement.DeepEquals(Config, Single<JsonBinding>(bindings, "CONFIG").Json));
        Assert.Equal(new ServiceBinding("AUTH", "auth-worker", "production", "AuthEntrypoint"), Single<ServiceBinding>(bindings, "AUTH"));
        Assert.Equal(new QueueBinding("JOBS", "tenant-jobs"), Single<QueueBinding>(bindings, "JOBS"));
        Assert.Equal(new DurableObjectNamespaceBinding("COUNTER", "Counter", "counter-worker"), Single<DurableObjectNamespaceBinding>(bindings, "COUNTER"));
        Assert.Equal(new AnalyticsEngineBinding("EVENTS", "tenant_events"), Single<AnalyticsEngineBinding>(bindings, "EVENTS"));
        Assert.Equal(new DispatchNamespaceBinding("DISPATCHER", Namespace), Single<DispatchNamespaceBinding>(bindings, "DISPATCHER"));
        Assert.DoesNotContain(bindings, b => b is UnknownBinding);

        var settings = await scripts.GetSettingsAsync(Namespace, Script, None);
        Assert.Equal("2025-09-01", settings.CompatibilityDate);
        Assert.Equal(["nodejs_compat"], settings.CompatibilityFlags);
        Assert.Equal(["tenant:42", "plan:free"], settings.Tags);
        Assert.Equal("standard", settings.UsageModel);
        Assert.False(settings.Logpush);
        Assert.Equal(bindings.Select(b => (b.Name, b.Type)), settings.Bindings!.Select(b => (b.Name, b.Type)));
        // Settings the client does not model arrive as extension data.
        Assert.NotNull(settings.AdditionalProperties);
        Assert.Contains("placement", settings.AdditionalProperties.Keys);
    }

    [Fact]
    public async Task Patch_settings_changes_bindings_and_flags_without_new_code_and_keeps_the_secret()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var scripts = emulator.Client.Scripts;
        var targets = await CreateTargetsAsync(emulator.Client);
        await scripts.UploadAsync(Namespace, Script, FullUpload(targets), None);
        var before = Assert.Single((await emulator.AccountAsync()).Scripts);
        var current = await scripts.GetSettingsAsync(Namespace, Script, None);

        // The bindings read back (secret without its value = "keep it") minus GREETING, plus MODE.
        var patched = await scripts.UpdateSettingsAsync(
            Namespace,
            Script,
            new WorkerScriptSettings
            {
                Logpush = true,
                CompatibilityFlags = ["nodejs_compat", "url_standard"],
                Bindings = [.. current.Bindings!.Where(b => b.Name != "GREETING"), new PlainTextBinding("MODE", "patched")],
            },
            None);

        Assert.True(patched.Logpush);
        Assert.Equal(["nodejs_compat", "url_standard"], patched.CompatibilityFlags);
        Assert.Equal("2025-09-01", patched.CompatibilityDate);
        Assert.Contains(patched.Bindings!, b => b is PlainTextBinding { Name: "MODE", Text: "patched" });
        Assert.DoesNotContain(patched.Bindings!, b => b.Name == "GREETING");

        var after = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(before.ContentSha256, after.ContentSha256);
        Assert.NotEqual(before.Etag, after.Etag);
        Assert.Equal(["nodejs_compat", "url_standard"], after.CompatibilityFlags);
        Assert.Equal("s3cr3t-value", (string?)after.Bindings.Single(b => (string?)b["name"] == "API_TOKEN")["text"]);
        Assert.Equal(before.Bindings.Count, after.Bindings.Count);
        Assert.True((await scripts.GetSettingsAsync(Namespace, Script, None)).Logpush);
    }

    [Fact]
    public async Task Secrets_are_set_listed_and_deleted()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var scripts = emulator.Client.Scripts;
        await emulator.Client.DispatchNamespaces.CreateAsync(Namespace, None);
        await scripts.UploadAsync(Namespace, Script, Modules.Minimal(), None);

        var secret = await scripts.SetSecretAsync(Namespace, Script, "STRIPE_KEY", "sk_test_123", None);
        await scripts.SetSecretAsync(Namespace, Script, "WEBHOOK_KEY", "whsec_456", None);

        Assert.Equal(new WorkerSecret("STRIPE_KEY", "secret_text"), secret);
        var stored = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(["STRIPE_KEY", "WEBHOOK_KEY"], stored.SecretNames);
        Assert.Equal("sk_test_123", (string?)stored.Bindings.Single(b => (string?)b["name"] == "STRIPE_KEY")["text"]);
        Assert.Equal(
            [new WorkerSecret("STRIPE_KEY", "secret_text"), new WorkerSecret("WEBHOOK_KEY", "secret_text")],
            await scripts.ListSecretsAsync(Namespace, Script, None));

        await scripts.DeleteSecretAsync(Namespace, Script, "STRIPE_KEY", None);

        Assert.Equal(["WEBHOOK_KEY"], Assert.Single((await emulator.AccountAsync()).Scripts).SecretNames);
        Assert.Equal([new WorkerSecret("WEBHOOK_KEY", "secret_text")], await scripts.ListSecretsAsync(Namespace, Script, None));
    }

    [Fact]
    public async Task Tags_are_read_and_replaced()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var scripts = emulator.Client.Scripts;
        await emulator.Client.DispatchNamespaces.CreateAsync(Namespace, None);
        await scripts.UploadAsync(Namespace, Script, Modules.Minimal() with { Tags = ["tenant:42"] }, None);

        Assert.Equal(["tenant:42"], await scripts.GetTagsAsync(Namespace, Script, None));

        var replaced = await scripts.ReplaceTagsAsync(Namespace, Script, ["tenant:42", "plan:pro", "region:eu"], None);

        Assert.Equal(["tenant:42", "plan:pro", "region:eu"], replaced);
        Assert.Equal(["tenant:42", "plan:pro", "region:eu"], Assert.Single((await emulator.AccountAsync()).Scripts).Tags);
        Assert.Equal(["tenant:42", "plan:pro", "region:eu"], await scripts.GetTagsAsync(Namespace, Script, None));
    }

    [Fact]
    public async Task Delete_with_force_removes_the_script()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var scripts = emulator.Client.Scripts;
        await emulator.Client.DispatchNamespaces.CreateAsync(Namespace, None);
        await scripts.UploadAsync(Namespace, Script, Modules.Minimal(), None);
        await scripts.UploadAsync(Namespace, "tenant-43", Modules.Minimal(), None);
        // A slow-but-successful fault that only matches when force=true is on the wire: consumed = it was sent.
        await emulator.InjectFaultAsync(new FaultRequest { Operation = "scripts.delete", PathContains = "force=true", LatencyMs = 1, Count = 1 });

        await scripts.DeleteAsync(Namespace, Script, force: true, None);

        Assert.Empty(await emulator.FaultsAsync());
        Assert.Equal(["tenant-43"], (await emulator.AccountAsync()).Scripts.Select(s => s.Name));
        var gone = await Assert.ThrowsAsync<CloudflareApiException>(() => scripts.GetAsync(Namespace, Script, None));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    internal sealed record Targets(string KvId, string D1Id);

    internal static readonly JsonElement Config = JsonDocument.Parse("""{"plan":"free","limits":[1,2]}""").RootElement;

    /// <summary>The namespace and the KV, D1 and R2 resources the bindings point at (the emulator checks targets exist).</summary>
    internal static async Task<Targets> CreateTargetsAsync(ICloudflareClient client)
    {
        await client.DispatchNamespaces.CreateAsync(Namespace, None);
        var kv = await client.KvNamespaces.CreateAsync("tenant-42-cache", None);
        var d1 = await client.D1Databases.CreateAsync("tenant-42-db", null, None);
        await client.R2Buckets.CreateAsync("tenant-42-files", null, None);
        await client.R2Buckets.CreateAsync("tenant-42-eu", new R2BucketCreateOptions { Jurisdiction = "eu" }, None);
        return new Targets(kv.Id, d1.Uuid);
    }

    internal static WorkerScriptUpload FullUpload(Targets targets) => Modules.Minimal() with
    {
        CompatibilityFlags = ["nodejs_compat"],
        Tags = ["tenant:42", "plan:free"],
        Bindings =
        [
            new KvNamespaceBinding("KV", targets.KvId),
            new D1DatabaseBinding("DB", targets.D1Id),
            new R2BucketBinding("BUCKET", "tenant-42-files"),
            new R2BucketBinding("EU_BUCKET", "tenant-42-eu", "eu"),
            new PlainTextBinding("GREETING", "world"),
            new SecretTextBinding("API_TOKEN", "s3cr3t-value"),
            new JsonBinding("CONFIG", Config),
            new ServiceBinding("AUTH", "auth-worker", "production", "AuthEntrypoint"),
            new QueueBinding("JOBS", "tenant-jobs"),
            new DurableObjectNamespaceBinding("COUNTER", ClassName: "Counter", ScriptName: "counter-worker"),
            new AnalyticsEngineBinding("EVENTS", "tenant_events"),
            new DispatchNamespaceBinding("DISPATCHER", Namespace),
            new InheritBinding("PREVIOUS"),
        ],
    };

    private static T Single<T>(IReadOnlyList<WorkerBinding> bindings, string name) where T : WorkerBinding =>
        Assert.IsType<T>(Assert.Single(bindings, b => b.Name == name));

    private static void AssertStored(ScriptState script, string name, string expectedJson)
    {
        var stored = script.Bindings.Single(b => (string?)b["name"] == name);
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, stored), $"binding {name}: expected {expected!.ToJsonString()}, stored {stored.ToJsonString()}");
    }
}
