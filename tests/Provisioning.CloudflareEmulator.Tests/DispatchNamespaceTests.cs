using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class DispatchNamespaceTests
{
    private const string Namespaces = "accounts/023e105f4ecef8ad9ca31a8372d0c353/workers/dispatch/namespaces";

    [Fact]
    public async Task Should_create_list_get_rename_and_delete_a_namespace()
    {
        await using var emulator = await StartAsync();

        var created = (await emulator.PostJsonAsync(Namespaces, """{"name":"production"}""")).AssertOk().Result!;
        Assert.Equal("production", created["namespace_name"]!.GetValue<string>());
        Assert.True(Guid.TryParse(created["namespace_id"]!.GetValue<string>(), out _));
        Assert.Equal(EmulatorDefaults.AccountId, created["created_by"]!.GetValue<string>());
        Assert.False(created["trusted_workers"]!.GetValue<bool>());
        Assert.Equal(0, created["script_count"]!.GetValue<int>());

        await emulator.UploadAsync("production", "tenant-a", """{"main_module":"index.js"}""").ContinueWith(t => t.Result.AssertOk());
        var fetched = (await emulator.GetAsync($"{Namespaces}/production")).AssertOk().Result!;
        Assert.Equal(1, fetched["script_count"]!.GetValue<int>());

        var renamed = (await emulator.PutJsonAsync($"{Namespaces}/production", """{"name":"prod","trusted_workers":true}""")).AssertOk().Result!;
        Assert.Equal("prod", renamed["namespace_name"]!.GetValue<string>());
        Assert.True(renamed["trusted_workers"]!.GetValue<bool>());
        Assert.Equal(created["namespace_id"]!.GetValue<string>(), renamed["namespace_id"]!.GetValue<string>());
        (await emulator.GetAsync(ScriptPath("prod", "tenant-a"))).AssertOk();
        (await emulator.GetAsync($"{Namespaces}/production")).AssertError(404, 100119);

        var list = (await emulator.GetAsync(Namespaces)).AssertOk().Result!.AsArray();
        Assert.Equal("prod", Assert.Single(list)!["namespace_name"]!.GetValue<string>());

        var deleted = (await emulator.DeleteAsync($"{Namespaces}/prod")).AssertOk();
        Assert.Null(deleted.Result);
        Assert.Empty((await emulator.GetAsync(Namespaces)).AssertOk().Result!.AsArray());
        Assert.Empty((await emulator.StateAsync()).Accounts.Single().Scripts);
    }

    [Fact]
    public async Task Should_answer_409_when_the_name_is_taken()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateNamespaceAsync("production");
        await emulator.CreateNamespaceAsync("staging");

        (await emulator.PostJsonAsync(Namespaces, """{"name":"production"}""")).AssertError(409, 100120);
        (await emulator.PutJsonAsync($"{Namespaces}/staging", """{"name":"production"}""")).AssertError(409, 100120);
    }

    [Fact]
    public async Task Should_answer_100119_for_a_missing_namespace()
    {
        await using var emulator = await StartAsync();

        (await emulator.GetAsync($"{Namespaces}/missing")).AssertError(404, 100119);
        (await emulator.DeleteAsync($"{Namespaces}/missing")).AssertError(404, 100119);
        (await emulator.UploadAsync("missing", "tenant-a", """{"main_module":"index.js"}""")).AssertError(404, 100119);
    }

    [Fact]
    public async Task Should_refuse_a_malformed_body()
    {
        await using var emulator = await StartAsync();

        (await emulator.PostJsonAsync(Namespaces, "{not json")).AssertError(400, 6007);
    }
}
