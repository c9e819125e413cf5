using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

/// <summary>keep_bindings, inherit bindings, secrets across uploads and bindings the client does not model.</summary>
public sealed class BindingInheritanceAgainstEmulatorTests
{
    private const string Namespace = "wfp-tenants";
    private const string Script = "tenant-7";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Keep_bindings_carries_over_the_previous_bindings_of_the_named_types()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var (kvId, d1Id) = await CreateTargetsAsync(emulator.Client);
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with
        {
            Bindings = [new KvNamespaceBinding("KV", kvId), new D1DatabaseBinding("DB", d1Id), new PlainTextBinding("MODE", "v1")],
        }, None);

        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal("export default { fetch() { return new Response('v2'); } };") with
        {
            Bindings = [new PlainTextBinding("GREETING", "v2")],
            KeepBindings = [WorkerBindingTypes.KvNamespace, WorkerBindingTypes.D1],
        }, None);

        var stored = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(Modules.Sha256Hex("export default { fetch() { return new Response('v2'); } };"), stored.ContentSha256);
        Assert.Equal(["DB", "GREETING", "KV"], stored.Bindings.Select(b => (string)b["name"]!).Order());
        Assert.Equal(kvId, (string?)stored.Bindings.Single(b => (string?)b["name"] == "KV")["namespace_id"]);
        var bindings = await emulator.Client.Scripts.GetBindingsAsync(Namespace, Script, None);
        Assert.Contains(new KvNamespaceBinding("KV", kvId), bindings);
        Assert.Contains(new D1DatabaseBinding("DB", d1Id), bindings);
        Assert.DoesNotContain(bindings, b => b.Name == "MODE");
    }

    [Fact]
    public async Task Inherit_copies_a_previous_binding_under_a_new_name()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var (kvId, _) = await CreateTargetsAsync(emulator.Client);
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with { Bindings = [new KvNamespaceBinding("KV", kvId)] }, None);

        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with
        {
            Bindings = [new InheritBinding("KV"), new InheritBinding("CACHE", OldName: "KV")],
            StrictBindingInheritance = true,
        }, None);

        var bindings = await emulator.Client.Scripts.GetBindingsAsync(Namespace, Script, None);
        Assert.Equal([new KvNamespaceBinding("KV", kvId), new KvNamespaceBinding("CACHE", kvId)], bindings);
    }

    [Fact]
    public async Task Strict_inherit_of_a_missing_binding_fails_with_10057_and_leaves_the_script_unchanged()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var (kvId, _) = await CreateTargetsAsync(emulator.Client);
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with { Bindings = [new KvNamespaceBinding("KV", kvId)] }, None);
        var before = Assert.Single((await emulator.AccountAsync()).Scripts);

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.Scripts.UploadAsync(
            Namespace,
            Script,
            Modules.Minimal("export default { fetch() { return new Response('never'); } };") with
            {
                Bindings = [new InheritBinding("KV"), new InheritBinding("SESSIONS")],
                StrictBindingInheritance = true,
            },
            None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.UnresolvedInheritBinding));
        Assert.Contains(error.Errors, e => e.Message.Contains("SESSIONS", StringComparison.Ordinal));
        Assert.False(error.IsTransient);
        Assert.False(string.IsNullOrEmpty(error.RayId));
        Assert.Equal(before, Assert.Single((await emulator.AccountAsync()).Scripts), ScriptStateComparer.Instance);
        Assert.Equal(1, await emulator.CallsAsync("scripts.upload", 400));
    }

    [Fact]
    public async Task Without_strict_an_unresolvable_inherit_binding_is_dropped()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var (kvId, _) = await CreateTargetsAsync(emulator.Client);
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with { Bindings = [new KvNamespaceBinding("KV", kvId)] }, None);

        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with
        {
            Bindings = [new InheritBinding("KV"), new InheritBinding("SESSIONS")],
        }, None);

        Assert.Equal([new KvNamespaceBinding("KV", kvId)], await emulator.Client.Scripts.GetBindingsAsync(Namespace, Script, None));
    }

    [Fact]
    public async Task Secrets_survive_a_re_upload_that_keeps_secret_types()
    {
        // Implicit retention off: the upload must ask for it, which is what the worker does.
        await using var emulator = await EmulatorHarness.StartAsync(o => o.SecretsRetainedImplicitly = false);
        await emulator.Client.DispatchNamespaces.CreateAsync(Namespace, None);
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal(), None);
        await emulator.Client.Scripts.SetSecretAsync(Namespace, Script, "STRIPE_KEY", "sk_live_abc", None);

        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal("export default { fetch() { return new Response('v2'); } };") with
        {
            Bindings = [new PlainTextBinding("GREETING", "v2")],
            KeepBindings = [WorkerBindingTypes.SecretText, WorkerBindingTypes.SecretKey],
        }, None);

        var stored = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(["STRIPE_KEY"], stored.SecretNames);
        Assert.Equal("sk_live_abc", (string?)stored.Bindings.Single(b => (string?)b["name"] == "STRIPE_KEY")["text"]);
        Assert.Equal([new WorkerSecret("STRIPE_KEY", "secret_text")], await emulator.Client.Scripts.ListSecretsAsync(Namespace, Script, None));

        // The contrast: the same upload without keep_bindings loses the secret, so the assertion above can fail.
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with { Bindings = [new PlainTextBinding("GREETING", "v3")] }, None);
        Assert.Empty(Assert.Single((await emulator.AccountAsync()).Scripts).SecretNames);
    }

    [Fact]
    public async Task A_binding_type_the_client_does_not_model_survives_get_then_upload()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var (kvId, _) = await CreateTargetsAsync(emulator.Client);
        var raw = new[]
        {
            """{"name":"LIMITER","type":"ratelimit","namespace_id":"1001","simple":{"limit":100,"period":60}}""",
            """{"name":"AI","type":"ai"}""",
            """{"name":"VERSION","type":"version_metadata"}""",
            """{"name":"HYPER","type":"hyperdrive","id":"b4c1e5f0a3d24e6f9c8b7a6d5e4f3a2b"}""",
        };
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal() with
        {
            Bindings =
            [
                .. raw.Select(json => new UnknownBinding(JsonDocument.Parse(json).RootElement)),
                new KvNamespaceBinding("KV", kvId),
                // A modelled type with a field the client does not model: kept as extension data.
                new ServiceBinding("AUTH", "auth-worker") { AdditionalProperties = new Dictionary<string, JsonElement> { ["props"] = JsonDocument.Parse("""{"tenant":"7"}""").RootElement } },
            ],
        }, None);
        var before = Assert.Single((await emulator.AccountAsync()).Scripts).Bindings;

        var read = await emulator.Client.Scripts.GetBindingsAsync(Namespace, Script, None);
        Assert.Equal(["ratelimit", "ai", "version_metadata", "hyperdrive"], read.OfType<UnknownBinding>().Select(b => b.Type));
        await emulator.Client.Scripts.UploadAsync(Namespace, Script, Modules.Minimal("export default { fetch() { return new Response('v2'); } };") with
        {
            Bindings = read,
        }, None);

        var after = Assert.Single((await emulator.AccountAsync()).Scripts);
        Assert.Equal(Modules.Sha256Hex("export default { fetch() { return new Response('v2'); } };"), after.ContentSha256);
        Assert.Equal(before.Count, after.Bindings.Count);
        Assert.All(before.Zip(after.Bindings), pair =>
            Assert.True(JsonNode.DeepEquals(pair.First, pair.Second), $"{pair.First.ToJsonString()} became {pair.Second.ToJsonString()}"));
    }

    private static async Task<(string KvId, string D1Id)> CreateTargetsAsync(ICloudflareClient client)
    {
        await client.DispatchNamespaces.CreateAsync(Namespace, None);
        var kv = await client.KvNamespaces.CreateAsync("tenant-7-cache", None);
        var d1 = await client.D1Databases.CreateAsync("tenant-7-db", null, None);
        return (kv.Id, d1.Uuid);
    }
}
