using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class BindingTests
{
    private static async Task<TestEmulator> StartWithNamespaceAsync(Action<EmulatorOptions>? configure = null)
    {
        var emulator = await StartAsync(configure);
        await emulator.CreateNamespaceAsync("production");
        return emulator;
    }

    private static string Metadata(string bindings, string extra = "") =>
        $$"""{"main_module":"index.js","bindings":{{bindings}}{{extra}}}""";

    private static async Task<List<JsonObject>> BindingsAsync(TestEmulator emulator, string script = "tenant-a") =>
        (await emulator.GetAsync(ScriptPath("production", script) + "/bindings")).AssertOk().Result!.AsArray().Cast<JsonObject>().ToList();

    private static List<string> Names(IEnumerable<JsonObject> bindings) => bindings.Select(b => b["name"]!.GetValue<string>()).Order().ToList();

    [Fact]
    public async Task Should_report_every_invalid_or_duplicate_name_as_its_own_error()
    {
        await using var emulator = await StartWithNamespaceAsync();

        var response = await emulator.UploadAsync("production", "tenant-a", Metadata("""
            [{"type":"plain_text","name":"1BAD","text":"x"},
             {"type":"plain_text","name":"OK","text":"x"},
             {"type":"json","name":"OK","json":{}},
             {"type":"plain_text","name":"has-dash","text":"x"}]
            """));

        response.AssertError(400, 10021);
        Assert.Equal(3, response.ErrorCodes.Count);
        Assert.All(response.ErrorCodes, code => Assert.Equal(10021, code));
    }

    [Fact]
    public async Task Should_reject_unknown_types_and_missing_fields()
    {
        await using var emulator = await StartWithNamespaceAsync();

        var response = await emulator.UploadAsync("production", "tenant-a", Metadata("""
            [{"type":"telepathy","name":"MIND"},
             {"type":"secret_text","name":"TOKEN"},
             {"type":"kv_namespace","name":"CACHE"},
             {"type":"d1","name":"DB","id":"not-a-uuid"}]
            """));

        response.AssertError(400, 10021);
        Assert.Equal(4, response.ErrorCodes.Count);
        Assert.Contains("invalid or missing text property for binding TOKEN", response.ErrorMessages);
        Assert.Contains("binding DB of type d1 must have a valid `id` specified", response.ErrorMessages);
        Assert.Contains(response.ErrorMessages, m => m.Contains("MIND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_accept_every_binding_type_of_the_reference()
    {
        await using var emulator = await StartWithNamespaceAsync();
        var kv = await emulator.CreateKvAsync("cache");

        var response = await emulator.UploadAsync("production", "tenant-a", Metadata($$$"""
            [{"type":"plain_text","name":"A","text":"x"},{"type":"json","name":"B","json":{"k":1}},
             {"type":"kv_namespace","name":"C","namespace_id":"{{{kv}}}"},{"type":"service","name":"D","service":"auth"},
             {"type":"durable_object_namespace","name":"E","class_name":"Room"},{"type":"queue","name":"F","queue_name":"q"},
             {"type":"analytics_engine","name":"G","dataset":"ds"},{"type":"hyperdrive","name":"H","id":"h1"},
             {"type":"vectorize","name":"I","index_name":"ix"},{"type":"ai","name":"J"},{"type":"browser","name":"K"},
             {"type":"images","name":"L"},{"type":"media","name":"M"},{"type":"assets","name":"N"},{"type":"version_metadata","name":"O"},
             {"type":"mtls_certificate","name":"P","certificate_id":"c1"},{"type":"send_email","name":"Q"},
             {"type":"workflow","name":"R","workflow_name":"wf"},{"type":"secrets_store_secret","name":"S","store_id":"s","secret_name":"n"},
             {"type":"pipelines","name":"T","pipeline":"p"},{"type":"ratelimit","name":"U","namespace_id":"1001","simple":{"limit":10,"period":60}},
             {"type":"vpc_service","name":"V","service_id":"v"},{"type":"vpc_network","name":"W","tunnel_id":"t"},
             {"type":"ai_search","name":"X","instance_name":"i"},{"type":"ai_search_namespace","name":"Y","namespace":"n"},
             {"type":"messaging","name":"Z","namespace":"n"},{"type":"flagship","name":"AA","app_id":"a"},
             {"type":"secret_key","name":"AB","format":"raw","algorithm":{"name":"HMAC","hash":"SHA-256"},"usages":["sign"],"key_base64":"AAAA"}]
            """));

        response.AssertOk();
        var bindings = await BindingsAsync(emulator);
        Assert.Equal(28, bindings.Count);
        var key = bindings.Single(b => b["name"]!.GetValue<string>() == "AB");
        Assert.Null(key["key_base64"]);
        Assert.Equal("raw", key["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_require_binding_targets_to_exist_in_the_account()
    {
        await using var emulator = await StartWithNamespaceAsync();

        var response = await emulator.UploadAsync("production", "tenant-a", Metadata("""
            [{"type":"kv_namespace","name":"CACHE","namespace_id":"0f2ac74b498b48028cb68387c421e279"},
             {"type":"r2_bucket","name":"FILES","bucket_name":"no-such-bucket"},
             {"type":"d1","name":"DB","database_id":"7f0e8b4c-5d3a-4b7e-9c1f-2a3b4c5d6e7f"},
             {"type":"dispatch_namespace","name":"DISPATCH","namespace":"elsewhere"}]
            """));

        response.AssertError(400, 10041);
        Assert.Equal([10041, 10085, 10181, 100119], response.ErrorCodes);
    }

    [Fact]
    public async Task Should_bind_existing_targets_with_d1_given_as_id_or_database_id()
    {
        await using var emulator = await StartWithNamespaceAsync();
        var kv = await emulator.CreateKvAsync("cache");
        var d1 = await emulator.CreateD1Async("tenant-db");
        await emulator.CreateR2Async("tenant-files");

        (await emulator.UploadAsync("production", "tenant-a", Metadata($$"""
            [{"type":"kv_namespace","name":"CACHE","namespace_id":"{{kv}}"},
             {"type":"r2_bucket","name":"FILES","bucket_name":"tenant-files"},
             {"type":"d1","name":"DB","id":"{{d1}}"},
             {"type":"d1","name":"DB2","database_id":"{{d1}}"},
             {"type":"dispatch_namespace","name":"DISPATCH","namespace":"production"}]
            """))).AssertOk();

        var bindings = await BindingsAsync(emulator);
        Assert.All(bindings.Where(b => b["type"]!.GetValue<string>() == "d1"), b => Assert.Equal(d1, b["database_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Should_match_r2_bindings_in_their_jurisdiction()
    {
        await using var emulator = await StartWithNamespaceAsync();
        await emulator.SendAsync(HttpMethod.Post, $"{Account}/r2/buckets", JsonBody("""{"name":"eu-files"}"""),
            configure: r => r.Headers.Add("cf-r2-jurisdiction", "eu")).ContinueWith(t => t.Result.AssertOk());

        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"r2_bucket","name":"FILES","bucket_name":"eu-files"}]"""))).AssertError(400, 10085);
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"r2_bucket","name":"FILES","bucket_name":"eu-files","jurisdiction":"eu"}]"""))).AssertOk();
    }

    [Fact]
    public async Task Should_replace_the_binding_set_without_keep_bindings()
    {
        await using var emulator = await StartWithNamespaceAsync(o => o.SecretsRetainedImplicitly = false);
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"plain_text","name":"OLD","text":"x"},{"type":"secret_text","name":"S","text":"s"}]"""))).AssertOk();

        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"plain_text","name":"NEW","text":"y"}]"""))).AssertOk();

        Assert.Equal(["NEW"], Names(await BindingsAsync(emulator)));
    }

    [Theory]
    [InlineData("plain_text")]
    [InlineData("json")]
    [InlineData("secret_text")]
    [InlineData("kv_namespace")]
    [InlineData("r2_bucket")]
    [InlineData("d1")]
    [InlineData("dispatch_namespace")]
    [InlineData("service")]
    public async Task Should_keep_only_the_bindings_of_the_kept_type(string keptType)
    {
        await using var emulator = await StartWithNamespaceAsync(o => o.SecretsRetainedImplicitly = false);
        var kv = await emulator.CreateKvAsync("cache");
        var d1 = await emulator.CreateD1Async("tenant-db");
        await emulator.CreateR2Async("tenant-files");
        (await emulator.UploadAsync("production", "tenant-a", Metadata($$"""
            [{"type":"plain_text","name":"PLAIN","text":"x"},{"type":"json","name":"JSON","json":[1]},
             {"type":"secret_text","name":"SECRET","text":"s"},{"type":"kv_namespace","name":"CACHE","namespace_id":"{{kv}}"},
             {"type":"r2_bucket","name":"FILES","bucket_name":"tenant-files"},{"type":"d1","name":"DB","id":"{{d1}}"},
             {"type":"dispatch_namespace","name":"DISPATCH","namespace":"production"},{"type":"service","name":"AUTH","service":"auth"}]
            """))).AssertOk();

        (await emulator.UploadAsync("production", "tenant-a", Metadata("[]", $$""","keep_bindings":["{{keptType}}"]"""))).AssertOk();

        var kept = await BindingsAsync(emulator);
        Assert.Equal(keptType, Assert.Single(kept)["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_let_a_new_binding_win_over_a_kept_one_of_the_same_name()
    {
        await using var emulator = await StartWithNamespaceAsync();
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"TOKEN","text":"old"},{"type":"secret_text","name":"OTHER","text":"o"}]"""))).AssertOk();

        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"TOKEN","text":"new"}]""", ""","keep_bindings":["secret_text","secret_key"]"""))).AssertOk();

        var stored = (await emulator.ScriptStateAsync("tenant-a")).Bindings;
        Assert.Equal("new", stored.Single(b => b["name"]!.GetValue<string>() == "TOKEN")["text"]!.GetValue<string>());
        Assert.Equal(["OTHER", "TOKEN"], Names(stored));
    }

    [Fact]
    public async Task Should_retain_secrets_implicitly_when_the_upload_has_none()
    {
        await using var emulator = await StartWithNamespaceAsync();
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"TOKEN","text":"s"},{"type":"plain_text","name":"VAR","text":"v"}]"""))).AssertOk();

        (await emulator.UploadAsync("production", "tenant-a", Metadata("[]"))).AssertOk();
        Assert.Equal(["TOKEN"], Names(await BindingsAsync(emulator)));

        // An upload that carries a secret states the secrets itself: the others are not kept implicitly.
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"NEW","text":"n"}]"""))).AssertOk();
        Assert.Equal(["NEW"], Names(await BindingsAsync(emulator)));
    }

    [Fact]
    public async Task Should_drop_secrets_when_implicit_retention_is_off()
    {
        await using var emulator = await StartWithNamespaceAsync(o => o.SecretsRetainedImplicitly = false);
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"TOKEN","text":"s"}]"""))).AssertOk();

        (await emulator.UploadAsync("production", "tenant-a", Metadata("[]"))).AssertOk();

        Assert.Empty(await BindingsAsync(emulator));
    }

    [Fact]
    public async Task Should_resolve_inherit_bindings_against_the_previous_version()
    {
        await using var emulator = await StartWithNamespaceAsync();
        var kv = await emulator.CreateKvAsync("cache");
        var first = (await emulator.UploadAsync("production", "tenant-a", Metadata($$"""
            [{"type":"kv_namespace","name":"CACHE","namespace_id":"{{kv}}"},{"type":"plain_text","name":"VAR","text":"v"}]
            """))).AssertOk().Result!;
        var version = first["deployment_id"]!.GetValue<string>();

        (await emulator.UploadAsync("production", "tenant-a", Metadata($$"""
            [{"type":"inherit","name":"CACHE"},{"type":"inherit","name":"RENAMED","old_name":"VAR","version_id":"{{version}}"}]
            """), query: "?bindings_inherit=strict")).AssertOk();

        var bindings = await BindingsAsync(emulator);
        Assert.Equal(["CACHE", "RENAMED"], Names(bindings));
        Assert.Equal(kv, bindings.Single(b => b["name"]!.GetValue<string>() == "CACHE")["namespace_id"]!.GetValue<string>());
        Assert.Equal("v", bindings.Single(b => b["name"]!.GetValue<string>() == "RENAMED")["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_fail_unresolved_inherit_bindings_one_error_each_when_strict()
    {
        await using var emulator = await StartWithNamespaceAsync();
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"plain_text","name":"VAR","text":"v"}]"""))).AssertOk();
        var metadata = Metadata("""[{"type":"inherit","name":"MISSING"},{"type":"inherit","name":"VAR","version_id":"0123456789abcdef0123456789abcdef"},{"type":"inherit","name":"OK","old_name":"VAR"}]""");

        var strict = await emulator.UploadAsync("production", "tenant-a", metadata, query: "?bindings_inherit=strict");

        strict.AssertError(400, 10057);
        Assert.Equal([10057, 10057], strict.ErrorCodes);
        Assert.StartsWith("inherit binding 'MISSING' is invalid", strict.ErrorMessages[0]);

        (await emulator.UploadAsync("production", "tenant-a", metadata)).AssertOk();
        Assert.Equal(["OK"], Names(await BindingsAsync(emulator)));
    }

    [Fact]
    public async Task Should_keep_the_code_on_a_metadata_only_upload()
    {
        await using var emulator = await StartWithNamespaceAsync();
        var kv = await emulator.CreateKvAsync("cache");
        await emulator.CreateR2Async("tenant-files");
        (await emulator.UploadAsync("production", "tenant-a", Metadata($$"""[{"type":"kv_namespace","name":"CACHE","namespace_id":"{{kv}}"},{"type":"plain_text","name":"VAR","text":"v"}]"""))).AssertOk();
        var before = await emulator.ScriptStateAsync("tenant-a");

        // The WfP docs' example: bindings plus keep_bindings, no main_module, no module part.
        var content = RawMultipart.Wrangler("""{"bindings":[{"type":"r2_bucket","name":"STORAGE","bucket_name":"tenant-files"}],"keep_bindings":["kv_namespace"]}""");
        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content)).AssertOk();

        var after = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal(before.ContentSha256, after.ContentSha256);
        Assert.Equal("index.js", after.MainModule);
        Assert.Equal(["CACHE", "STORAGE"], Names(after.Bindings));
    }

    [Fact]
    public async Task Should_refuse_a_metadata_only_upload_when_disabled_or_for_a_new_script()
    {
        await using var emulator = await StartWithNamespaceAsync(o => o.AllowMetadataOnlyUpload = false);
        (await emulator.UploadAsync("production", "tenant-a", Metadata("[]"))).AssertOk();

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), RawMultipart.Wrangler("""{"bindings":[]}"""))).AssertError(400, 10021);

        await using var permissive = await StartWithNamespaceAsync();
        (await permissive.SendAsync(HttpMethod.Put, ScriptPath("production", "new-script"), RawMultipart.Wrangler("""{"bindings":[]}"""))).AssertError(400, 10021);
    }

    [Fact]
    public async Task Should_never_return_secret_values()
    {
        await using var emulator = await StartWithNamespaceAsync();
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"secret_text","name":"TOKEN","text":"hunter2"}]"""))).AssertOk();

        var binding = Assert.Single(await BindingsAsync(emulator));
        Assert.Equal(2, binding.Count);
        var settings = (await emulator.GetAsync(ScriptPath("production", "tenant-a") + "/settings")).AssertOk();
        Assert.DoesNotContain("hunter2", settings.Body.ToJsonString(), StringComparison.Ordinal);

        // Sending the GET shape back fails, as it does live (docs/emulator.md).
        var roundTrip = await emulator.UploadAsync("production", "tenant-a", Metadata($"[{binding.ToJsonString()}]"));
        roundTrip.AssertError(400, 10021);
        Assert.Equal("invalid or missing text property for binding TOKEN", roundTrip.ErrorMessages.Single());
    }

    [Fact]
    public async Task Should_leave_the_previous_version_untouched_when_an_upload_fails()
    {
        await using var emulator = await StartWithNamespaceAsync();
        (await emulator.UploadAsync("production", "tenant-a", Metadata("""[{"type":"plain_text","name":"VAR","text":"v"}]""", ",\"compatibility_date\":\"2025-01-01\""))).AssertOk();
        var before = await emulator.ScriptStateAsync("tenant-a");

        (await emulator.UploadAsync("production", "tenant-a",
            Metadata("""[{"type":"kv_namespace","name":"CACHE","namespace_id":"0f2ac74b498b48028cb68387c421e279"}]""", ",\"compatibility_date\":\"2026-01-01\""),
            code: "export default { scheduled() {} };")).AssertError(400, 10041);
        (await emulator.UploadAsync("production", "tenant-a", Metadata("[]", ",\"compatibility_date\":\"not-a-date\""), code: "export default {};"))
            .AssertError(400, 10021);
        var patch = new RawMultipart().Part("name=\"settings\"", null, """{"bindings":[],"compatibility_date":"soon"}""").Build();
        (await emulator.SendAsync(HttpMethod.Patch, ScriptPath("production", "tenant-a") + "/settings", patch)).AssertError(400, 10021);

        var after = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal(before.Etag, after.Etag);
        Assert.Equal(before.ContentSha256, after.ContentSha256);
        Assert.Equal("2025-01-01", after.CompatibilityDate);
        Assert.Equal(["VAR"], Names(after.Bindings));
        Assert.Equal(["fetch"], (await emulator.GetAsync(ScriptPath("production", "tenant-a"))).AssertOk().Result!["script"]!["handlers"]!.AsArray().Select(h => h!.GetValue<string>()));
    }
}
