using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class ScriptUploadTests
{
    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Should_accept_what_wrangler_sends_and_answer_what_wrangler_reads()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = RawMultipart.Wrangler(
            """{"main_module":"index.js","bindings":[],"compatibility_date":"2025-01-01","compatibility_flags":["nodejs_compat"]}""",
            ("index.js", EsModule, WorkerCode),
            ("index.js.map", "application/source-map", """{"version":3}"""));

        var response = await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a") + "?excludeScript=true&bindings_inherit=strict", content);

        var result = response.AssertOk().Result!;
        Assert.Equal("tenant-a", result["id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", result["deployment_id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{32}$", result["tag"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", result["etag"]!.GetValue<string>());
        Assert.True(result["startup_time_ms"]!.GetValue<int>() >= 0);
        Assert.True(DateTimeOffset.TryParse(result["created_on"]!.GetValue<string>(), out _));
        Assert.True(DateTimeOffset.TryParse(result["modified_on"]!.GetValue<string>(), out _));
        Assert.Equal("fetch", Assert.Single(result["handlers"]!.AsArray())!.GetValue<string>());
        Assert.True(result["has_modules"]!.GetValue<bool>());
        Assert.Equal("2025-01-01", result["compatibility_date"]!.GetValue<string>());
        Assert.Equal("standard", result["usage_model"]!.GetValue<string>());
        Assert.Null(result["script"]);

        var state = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal("index.js", state.MainModule);
        Assert.Equal(Sha256(WorkerCode), state.ContentSha256);
        Assert.Equal(["index.js", "index.js.map"], state.Modules.Select(m => m.Name));
        Assert.Equal(["nodejs_compat"], state.CompatibilityFlags);
    }

    [Fact]
    public async Task Should_include_the_script_unless_excludeScript_is_set()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");

        var result = (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""")).AssertOk().Result!;

        Assert.Equal(WorkerCode, result["script"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_accept_what_the_npm_sdk_5_and_6_send()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = RawMultipart.SdkV5(
            """{"main_module":"tenant-a.mjs","bindings":[{"type":"plain_text","name":"GREETING","text":"hi"}]}""",
            ("tenant-a.mjs", EsModule, WorkerCode),
            ("util.mjs", "application/octet-stream", "export const x = 1;"));

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content)).AssertOk();

        var state = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal("tenant-a.mjs", state.MainModule);
        Assert.Equal(Sha256(WorkerCode), state.ContentSha256);
        Assert.Equal(["tenant-a.mjs", "util.mjs"], state.Modules.Select(m => m.Name));
        Assert.Equal("GREETING", Assert.Single(state.Bindings)["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_accept_what_cloudflare_go_sends()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = RawMultipart.CloudflareGo("""{"main_module":"worker.js"}""", ("worker.js", EsModule, WorkerCode));

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content)).AssertOk();

        Assert.Equal("worker.js", (await emulator.ScriptStateAsync("tenant-a")).MainModule);
    }

    [Fact]
    public async Task Should_answer_no_such_module_when_main_module_names_no_part()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        // The SDK shape without a filename: the part is named "files", which main_module does not name.
        var content = new RawMultipart()
            .Part("name=\"metadata\"; filename=\"metadata\"", "application/json", """{"main_module":"worker.js"}""")
            .Part("name=\"files\"", EsModule, WorkerCode)
            .Build();

        var response = await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content);

        response.AssertError(400, 10021);
        Assert.Contains("No such module: worker.js", response.ErrorMessages.Single());
    }

    [Fact]
    public async Task Should_treat_a_javascript_body_as_a_service_worker_script()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        const string code = "addEventListener('fetch', e => e.respondWith(new Response('hi')));";

        var result = (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), new StringContent(code, Encoding.UTF8, "application/javascript")))
            .AssertOk().Result!;

        Assert.False(result["has_modules"]!.GetValue<bool>());
        Assert.Equal("fetch", Assert.Single(result["handlers"]!.AsArray())!.GetValue<string>());
        using var content = await emulator.Api.GetAsync(ScriptPath("production", "tenant-a") + "/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal(code, await content.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Should_reject_the_broken_request_of_npm_sdk_7()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        // SDK 7.x: a bracket-flattened multipart body sent as application/javascript (cloudflare-typescript#2799).
        var body = "------formdata-undici-012\r\nContent-Disposition: form-data; name=\"metadata[main_module]\"\r\n\r\nindex.js\r\n------formdata-undici-012--\r\n";

        var response = await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), new StringContent(body, Encoding.UTF8, "application/javascript"));

        response.AssertError(400, 10021);
        Assert.StartsWith("Uncaught SyntaxError", response.ErrorMessages.Single());
    }

    [Fact]
    public async Task Should_reject_an_unsupported_content_type()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), JsonBody("""{"main_module":"index.js"}"""))).AssertError(400, 10001);
    }

    [Fact]
    public async Task Should_reject_a_module_with_an_unsupported_content_type()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = RawMultipart.SdkV5("""{"main_module":"index.js"}""", ("index.js", "application/json", WorkerCode));

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content)).AssertError(400, 10021);
    }

    [Fact]
    public async Task Should_reject_an_upload_without_metadata()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = new RawMultipart().Part("name=\"index.js\"; filename=\"index.js\"", EsModule, WorkerCode).Build();

        var response = await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content);

        response.AssertError(400, 10021);
        Assert.Equal("could not read content for part metadata", response.ErrorMessages.Single());
    }

    [Fact]
    public async Task Should_reject_a_script_over_the_size_limit()
    {
        await using var emulator = await StartAsync(o => o.MaxScriptSizeBytes = 64);
        await emulator.CreateNamespaceAsync("production");

        (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""", code: new string('x', 65))).AssertError(400, 10027);
        (await emulator.UploadAsync("production", "tenant-b", """{"main_module":"index.js"}""", code: new string('x', 64))).AssertOk();
    }

    [Theory]
    [InlineData("Tenant-A")]
    [InlineData("-tenant")]
    [InlineData("tenant.a")]
    public async Task Should_reject_an_invalid_script_name(string name)
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");

        (await emulator.UploadAsync("production", name, """{"main_module":"index.js"}""")).AssertError(400, 10021);
    }

    [Fact]
    public async Task Should_get_and_delete_a_script()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var uploaded = (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js","tags":["customer-1"]}""")).AssertOk().Result!;

        var fetched = (await emulator.GetAsync(ScriptPath("production", "tenant-a"))).AssertOk().Result!;
        Assert.Equal("production", fetched["dispatch_namespace"]!.GetValue<string>());
        Assert.Equal(uploaded["etag"]!.GetValue<string>(), fetched["script"]!["etag"]!.GetValue<string>());
        Assert.Equal("customer-1", Assert.Single(fetched["script"]!["tags"]!.AsArray())!.GetValue<string>());

        var deleted = (await emulator.SendAsync(HttpMethod.Delete, ScriptPath("production", "tenant-a") + "?force=true")).AssertOk();
        Assert.Null(deleted.Result);
        // wrangler's deploy treats only 10092 as "not there yet" on this GET (ops/real-clients/FINDINGS.md F1).
        (await emulator.GetAsync(ScriptPath("production", "tenant-a"))).AssertError(404, 10092);
        (await emulator.DeleteAsync(ScriptPath("production", "tenant-a"))).AssertError(404, 10007);
        (await emulator.GetAsync(ScriptPath("production", "tenant-a") + "/bindings")).AssertError(404, 10007);
        (await emulator.GetAsync(ScriptPath("production", "tenant-a") + "/settings")).AssertError(404, 10007);
    }

    [Fact]
    public async Task Should_serve_module_content_as_multipart_with_the_entrypoint_header()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""")).AssertOk();

        using var response = await emulator.Api.GetAsync(ScriptPath("production", "tenant-a") + "/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("multipart/form-data", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("index.js", response.Headers.GetValues("cf-entrypoint").Single());
        var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
        var reader = new MultipartReader(boundary, await response.Content.ReadAsStreamAsync());
        var section = await reader.ReadNextSectionAsync();
        Assert.NotNull(section);
        Assert.Contains("filename=\"index.js\"", section.ContentDisposition);
        Assert.Equal(WorkerCode, await new StreamReader(section.Body).ReadToEndAsync());
        Assert.Null(await reader.ReadNextSectionAsync());
    }

    [Fact]
    public async Task Should_answer_10007_for_the_regular_worker_endpoints_wrangler_probes()
    {
        await using var emulator = await StartAsync();

        (await emulator.GetAsync($"{Account}/workers/scripts/tenant-a/secrets")).AssertError(404, 10007);
        (await emulator.GetAsync($"{Account}/workers/scripts/tenant-a/settings")).AssertError(404, 10007);
    }

    [Fact]
    public async Task Should_give_each_upload_a_new_version_but_keep_the_tag()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");

        var first = (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""")).AssertOk().Result!;
        var second = (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""", code: "export default { fetch() {} };")).AssertOk().Result!;

        Assert.Equal(first["tag"]!.GetValue<string>(), second["tag"]!.GetValue<string>());
        Assert.NotEqual(first["deployment_id"]!.GetValue<string>(), second["deployment_id"]!.GetValue<string>());
        Assert.NotEqual(first["etag"]!.GetValue<string>(), second["etag"]!.GetValue<string>());
        Assert.Equal(first["created_on"]!.GetValue<string>(), second["created_on"]!.GetValue<string>());
        Assert.Matches(new Regex("^[0-9a-f]{32}$"), second["deployment_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_read_null_metadata_keys_as_not_given()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");

        var response = await emulator.UploadAsync("production", "tenant-a",
            """{"main_module":"index.js","bindings":null,"keep_bindings":null,"tags":null,"compatibility_flags":null,"logpush":null,"tail_consumers":null,"placement":null}""");

        response.AssertOk();
        Assert.Empty((await emulator.ScriptStateAsync("tenant-a")).Tags);
    }

    [Fact]
    public async Task Should_reject_a_malformed_multipart_body()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        var content = new StringContent("--abc\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{}", Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        (await emulator.SendAsync(HttpMethod.Put, ScriptPath("production", "tenant-a"), content)).AssertError(400, 10021);
    }
}
