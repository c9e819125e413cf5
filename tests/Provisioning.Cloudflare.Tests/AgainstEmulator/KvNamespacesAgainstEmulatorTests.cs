using System.Net;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class KvNamespacesAgainstEmulatorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_get_rename_and_delete_reach_the_emulator()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var kv = emulator.Client.KvNamespaces;

        var created = await kv.CreateAsync("tenant-1-cache", None);

        Assert.Equal("tenant-1-cache", created.Title);
        Assert.Matches("^[0-9a-f]{32}$", created.Id);
        Assert.Equal([(created.Id, "tenant-1-cache")], (await emulator.AccountAsync()).KvNamespaces.Select(k => (k.Id, k.Title)));
        Assert.Equal(created, await kv.GetAsync(created.Id, None));

        var renamed = await kv.RenameAsync(created.Id, "tenant-1-sessions", None);

        Assert.Equal(new KvNamespace { Id = created.Id, Title = "tenant-1-sessions", SupportsUrlEncoding = true }, renamed);
        Assert.Equal([(created.Id, "tenant-1-sessions")], (await emulator.AccountAsync()).KvNamespaces.Select(k => (k.Id, k.Title)));
        Assert.Equal(created.Id, (await kv.FindByTitleAsync("tenant-1-sessions", None))?.Id);

        await kv.DeleteAsync(created.Id, None);

        Assert.Empty((await emulator.AccountAsync()).KvNamespaces);
        Assert.Empty(await Async.CollectAsync(kv.ListAsync(None)));
    }

    [Fact]
    public async Task List_follows_every_page()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var kv = emulator.Client.KvNamespaces;
        // The client asks for 100 per page, so 101 namespaces take two pages.
        var titles = Enumerable.Range(1, 101).Select(i => $"tenant-{i:000}-cache").ToList();
        foreach (var chunk in titles.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(title => kv.CreateAsync(title, None)));
        }

        var listed = await Async.CollectAsync(kv.ListAsync(None));

        var stored = (await emulator.AccountAsync()).KvNamespaces;
        Assert.Equal(101, stored.Count);
        Assert.Equal(stored.Select(k => (k.Id, k.Title)).Order(), listed.Select(k => (k.Id, k.Title)).Order());
        Assert.Equal(2, await emulator.CallsAsync("kv.list"));
    }

    [Fact]
    public async Task Create_or_adopt_creates_once_then_adopts_the_same_namespace()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var kv = emulator.Client.KvNamespaces;

        var first = await kv.CreateOrAdoptAsync("tenant-9-cache", None);
        var second = await kv.CreateOrAdoptAsync("tenant-9-cache", None);

        Assert.False(first.Adopted);
        Assert.True(second.Adopted);
        Assert.Equal(first.Resource.Id, second.Resource.Id);
        Assert.Equal([first.Resource.Id], (await emulator.AccountAsync()).KvNamespaces.Select(k => k.Id));
        Assert.Equal(1, await emulator.CallsAsync("kv.create", 400));
    }

    [Fact]
    public async Task Creating_a_taken_title_fails_with_400_and_10014()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.KvNamespaces.CreateAsync("tenant-9-cache", None);

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.KvNamespaces.CreateAsync("tenant-9-cache", None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists));
        Assert.False(string.IsNullOrEmpty(error.RayId));
        Assert.Single((await emulator.AccountAsync()).KvNamespaces);
    }

    [Fact]
    public async Task Renaming_to_a_taken_title_fails_with_10014_and_keeps_both_titles()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var kv = emulator.Client.KvNamespaces;
        var cache = await kv.CreateAsync("tenant-1-cache", None);
        await kv.CreateAsync("tenant-1-sessions", None);

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => kv.RenameAsync(cache.Id, "tenant-1-sessions", None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.KvNamespaceTitleExists));
        Assert.Equal(["tenant-1-cache", "tenant-1-sessions"], (await emulator.AccountAsync()).KvNamespaces.Select(k => k.Title));
    }
}
