using System.Net;
using Provisioning.CloudflareEmulator.Tests.Support;
using static Provisioning.CloudflareEmulator.Tests.Support.TestEmulator;

namespace Provisioning.CloudflareEmulator.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "emulator-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Should_keep_every_resource_across_a_restart()
    {
        var path = Path.Combine(_directory, "state.db");
        string kvId;
        string etag;
        await using (var first = await StartAsync(o => o.StatePath = path))
        {
            await first.CreateNamespaceAsync("production");
            kvId = await first.CreateKvAsync("tenant-kv");
            await first.CreateD1Async("tenant-db");
            await first.CreateR2Async("tenant-files");
            etag = (await first.UploadAsync("production", "tenant-a", $$"""
                {"main_module":"index.js","bindings":[{"type":"kv_namespace","name":"KV","namespace_id":"{{kvId}}"},{"type":"secret_text","name":"TOKEN","text":"s"}]}
                """)).AssertOk().Result!["etag"]!.GetValue<string>();
            (await first.DeleteAsync($"{Account}/r2/buckets/tenant-files")).AssertOk();
            await first.CreateR2Async("tenant-files-2");
        }

        await using var second = await StartAsync(o => o.StatePath = path);

        var account = (await second.StateAsync()).Accounts.Single();
        Assert.Equal("production", Assert.Single(account.DispatchNamespaces).Name);
        Assert.Equal(kvId, Assert.Single(account.KvNamespaces).Id);
        Assert.Equal("tenant-db", Assert.Single(account.D1Databases).Name);
        Assert.Equal("tenant-files-2", Assert.Single(account.R2Buckets).Name);
        var script = Assert.Single(account.Scripts);
        Assert.Equal(etag, script.Etag);
        Assert.Equal(["TOKEN"], script.SecretNames);
        using var content = await second.Api.GetAsync(ScriptPath("production", "tenant-a") + "/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Contains(WorkerCode, await content.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await second.PostJsonAsync($"{Account}/storage/kv/namespaces", """{"title":"tenant-kv"}""")).AssertError(400, 10014);
    }

    [Fact]
    public async Task Should_refuse_a_second_emulator_on_a_state_file_in_use_until_the_first_stops()
    {
        var path = Path.Combine(_directory, "state.db");
        var first = await StartAsync(o => o.StatePath = path);
        await first.CreateNamespaceAsync("production");

        var error = await Assert.ThrowsAsync<EmulatorStateInUseException>(() => StartAsync(o => o.StatePath = path));

        Assert.Equal(path, error.StatePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        await first.DisposeAsync();
        await using var second = await StartAsync(o => o.StatePath = path);
        Assert.Equal("production", Assert.Single((await second.StateAsync()).Accounts.Single().DispatchNamespaces).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("memory")]
    [InlineData("Memory")]
    public async Task Should_keep_state_in_memory_for_an_empty_or_memory_state_path(string statePath)
    {
        await using (var first = await StartAsync(o => o.StatePath = statePath))
        {
            await first.CreateNamespaceAsync("production");
        }

        await using var second = await StartAsync(o => o.StatePath = statePath);

        Assert.Empty((await second.StateAsync()).Accounts.Single().DispatchNamespaces);
        Assert.False(File.Exists(statePath), $"a state file named '{statePath}' was written to the working directory");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
