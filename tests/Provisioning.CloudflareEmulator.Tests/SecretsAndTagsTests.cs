using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class SecretsAndTagsTests
{
    private static readonly string Script = ScriptPath("production", "tenant-a");

    private static async Task<TestEmulator> StartWithScriptAsync()
    {
        var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        (await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js","bindings":[{"type":"plain_text","name":"VAR","text":"v"}]}""")).AssertOk();
        return emulator;
    }

    [Fact]
    public async Task Should_put_list_get_and_delete_secrets_without_revealing_values()
    {
        await using var emulator = await StartWithScriptAsync();

        var put = (await emulator.PutJsonAsync(Script + "/secrets", """{"name":"TOKEN","type":"secret_text","text":"hunter2"}""")).AssertOk();
        Assert.Equal("""{"name":"TOKEN","type":"secret_text"}""", put.Result!.ToJsonString());
        (await emulator.PutJsonAsync(Script + "/secrets", """{"name":"TOKEN","type":"secret_text","text":"rotated"}""")).AssertOk();

        var list = (await emulator.GetAsync(Script + "/secrets")).AssertOk();
        Assert.Equal("""[{"name":"TOKEN","type":"secret_text"}]""", list.Result!.ToJsonString());
        Assert.Equal("""{"name":"TOKEN","type":"secret_text"}""", (await emulator.GetAsync(Script + "/secrets/TOKEN")).AssertOk().Result!.ToJsonString());
        var state = await emulator.ScriptStateAsync("tenant-a");
        Assert.Equal(["TOKEN"], state.SecretNames);
        Assert.Equal("rotated", state.Bindings.Single(b => b["name"]!.GetValue<string>() == "TOKEN")["text"]!.GetValue<string>());

        (await emulator.DeleteAsync(Script + "/secrets/TOKEN")).AssertOk();
        (await emulator.GetAsync(Script + "/secrets/TOKEN")).AssertError(404, 10056);
        (await emulator.DeleteAsync(Script + "/secrets/TOKEN")).AssertError(404, 10056);
        Assert.Empty((await emulator.GetAsync(Script + "/secrets")).AssertOk().Result!.AsArray());
    }

    [Fact]
    public async Task Should_return_only_public_parameters_of_a_secret_key()
    {
        await using var emulator = await StartWithScriptAsync();

        var put = (await emulator.PutJsonAsync(Script + "/secrets",
            """{"name":"SIGNING","type":"secret_key","format":"raw","algorithm":{"name":"HMAC","hash":"SHA-256"},"usages":["sign"],"key_base64":"c2VjcmV0"}""")).AssertOk();

        Assert.Equal("raw", put.Result!["format"]!.GetValue<string>());
        Assert.Null(put.Result["key_base64"]);
        Assert.DoesNotContain("c2VjcmV0", (await emulator.GetAsync(Script + "/bindings")).Body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_refuse_invalid_secrets()
    {
        await using var emulator = await StartWithScriptAsync();

        (await emulator.PutJsonAsync(Script + "/secrets", """{"name":"VAR","type":"secret_text","text":"x"}""")).AssertError(400, 10053);
        (await emulator.PutJsonAsync(Script + "/secrets", """{"name":"TOKEN","type":"secret_text"}""")).AssertError(400, 10021);
        (await emulator.PutJsonAsync(Script + "/secrets", """{"name":"TOKEN","type":"plain_text","text":"x"}""")).AssertError(400, 10021);
        (await emulator.PutJsonAsync(ScriptPath("production", "ghost") + "/secrets", """{"name":"TOKEN","type":"secret_text","text":"x"}""")).AssertError(404, 10007);
    }

    [Fact]
    public async Task Should_put_and_get_tags_up_to_eight()
    {
        await using var emulator = await StartWithScriptAsync();

        var put = (await emulator.PutJsonAsync(Script + "/tags", """["customer-1","plan:free"]""")).AssertOk();
        Assert.Equal("""["customer-1","plan:free"]""", put.Result!.ToJsonString());
        Assert.Equal("""["customer-1","plan:free"]""", (await emulator.GetAsync(Script + "/tags")).AssertOk().Result!.ToJsonString());

        (await emulator.PutJsonAsync(Script + "/tags", """["1","2","3","4","5","6","7","8","9"]""")).AssertError(400, 10021);
        (await emulator.PutJsonAsync(Script + "/tags", """["1","2","3","4","5","6","7","8"]""")).AssertOk();
        (await emulator.UploadAsync("production", "tenant-b", """{"main_module":"index.js","tags":["1","2","3","4","5","6","7","8","9"]}""")).AssertError(400, 10021);
        (await emulator.GetAsync(ScriptPath("production", "ghost") + "/tags")).AssertError(404, 10007);
    }

    [Fact]
    public async Task Should_add_and_remove_single_tags()
    {
        await using var emulator = await StartWithScriptAsync();
        (await emulator.PutJsonAsync(Script + "/tags", """["1","2","3","4","5","6","7"]""")).AssertOk();

        Assert.Null((await emulator.SendAsync(HttpMethod.Put, Script + "/tags/8")).AssertOk().Result);
        (await emulator.SendAsync(HttpMethod.Put, Script + "/tags/9")).AssertError(400, 10021);
        Assert.Null((await emulator.DeleteAsync(Script + "/tags/1")).AssertOk().Result);

        Assert.Equal(["2", "3", "4", "5", "6", "7", "8"], (await emulator.ScriptStateAsync("tenant-a")).Tags);
    }
}
