using System.Text.Json.Nodes;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class SettingsTests
{
    private static readonly string Settings = ScriptPath("production", "tenant-a") + "/settings";

    private static async Task<TestEmulator> StartWithScriptAsync()
    {
        var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        (await emulator.UploadAsync("production", "tenant-a", """
            {"main_module":"index.js","compatibility_date":"2025-01-01","tags":["t1"],
             "bindings":[{"type":"secret_text","name":"TOKEN","text":"s"},{"type":"plain_text","name":"VAR","text":"v"}]}
            """)).AssertOk();
        return emulator;
    }

    private static List<string> Names(JsonNode? bindings) =>
        bindings!.AsArray().Select(b => b!["name"]!.GetValue<string>()).Order().ToList();

    [Fact]
    public async Task Should_return_the_settings()
    {
        await using var emulator = await StartWithScriptAsync();

        var settings = (await emulator.GetAsync(Settings)).AssertOk().Result!;

        Assert.Equal("2025-01-01", settings["compatibility_date"]!.GetValue<string>());
        Assert.Equal(["TOKEN", "VAR"], Names(settings["bindings"]));
        Assert.Equal("t1", Assert.Single(settings["tags"]!.AsArray())!.GetValue<string>());
        Assert.Equal("standard", settings["usage_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_change_only_the_keys_present_in_a_patch()
    {
        await using var emulator = await StartWithScriptAsync();
        var before = await emulator.ScriptStateAsync("tenant-a");
        var content = new RawMultipart().Part("name=\"settings\"", null, """{"compatibility_date":"2025-06-01","logpush":true}""").Build();

        var patched = (await emulator.SendAsync(HttpMethod.Patch, Settings, content)).AssertOk().Result!;

        Assert.Equal("2025-06-01", patched["compatibility_date"]!.GetValue<string>());
        Assert.True(patched["logpush"]!.GetValue<bool>());
        Assert.Equal(["TOKEN", "VAR"], Names(patched["bindings"]));
        var after = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal(before.ContentSha256, after.ContentSha256);
        Assert.NotEqual(before.DeploymentId, after.DeploymentId);
    }

    [Fact]
    public async Task Should_replace_the_bindings_and_keep_those_sent_as_name_and_type()
    {
        await using var emulator = await StartWithScriptAsync();
        // The SDK's JSON-part mode; wrangler's old secret code kept bindings by sending {name, type} only.
        var content = new RawMultipart()
            .Part("name=\"settings\"; filename=\"settings\"", "application/json",
                """{"bindings":[{"name":"TOKEN","type":"secret_text"},{"type":"plain_text","name":"NEW","text":"n"}]}""")
            .Build();

        var patched = (await emulator.SendAsync(HttpMethod.Patch, Settings, content)).AssertOk().Result!;

        Assert.Equal(["NEW", "TOKEN"], Names(patched["bindings"]));
        var stored = (await emulator.ScriptStateAsync("tenant-a")).Bindings;
        Assert.Equal("s", stored.Single(b => b["name"]!.GetValue<string>() == "TOKEN")["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Should_reject_name_and_type_only_for_a_binding_that_does_not_exist()
    {
        await using var emulator = await StartWithScriptAsync();
        var content = new RawMultipart().Part("name=\"settings\"", null, """{"bindings":[{"name":"GHOST","type":"secret_text"}]}""").Build();

        var response = await emulator.SendAsync(HttpMethod.Patch, Settings, content);

        response.AssertError(400, 10021);
        Assert.Equal(["TOKEN", "VAR"], Names((await emulator.GetAsync(Settings)).AssertOk().Result!["bindings"]));
    }

    [Fact]
    public async Task Should_accept_a_json_body_and_validate_its_targets()
    {
        await using var emulator = await StartWithScriptAsync();

        (await emulator.SendAsync(HttpMethod.Patch, Settings, JsonBody("""{"bindings":[{"type":"kv_namespace","name":"CACHE","namespace_id":"0f2ac74b498b48028cb68387c421e279"}]}""")))
            .AssertError(400, 10041);
        (await emulator.SendAsync(HttpMethod.Patch, Settings, JsonBody("""{"tags":["a","b"]}"""))).AssertOk();

        Assert.Equal(["a", "b"], (await emulator.ScriptStateAsync("tenant-a")).Tags);
    }
}
