using System.Net;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class R2BucketsAgainstEmulatorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_with_location_hint_and_with_jurisdiction_then_list_get_and_delete()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var r2 = emulator.Client.R2Buckets;

        var hinted = await r2.CreateAsync("tenant-1-files", new R2BucketCreateOptions { LocationHint = "weur", StorageClass = "InfrequentAccess" }, None);
        var eu = await r2.CreateAsync("tenant-2-files", new R2BucketCreateOptions { Jurisdiction = "eu" }, None);

        Assert.Equal(("tenant-1-files", "WEUR", "InfrequentAccess", "default"), (hinted.Name, hinted.Location, hinted.StorageClass, hinted.Jurisdiction));
        Assert.Equal(("tenant-2-files", "eu"), (eu.Name, eu.Jurisdiction));
        Assert.Equal(
            [("tenant-1-files", "default", "WEUR", "InfrequentAccess"), ("tenant-2-files", "eu", "WEUR", "Standard")],
            (await emulator.AccountAsync()).R2Buckets.Select(b => (b.Name, b.Jurisdiction, b.Location, b.StorageClass)));

        // A bucket in a jurisdiction is visible only to calls that name it.
        Assert.Equal(["tenant-1-files"], (await Async.CollectAsync(r2.ListAsync(null, null, None))).Select(b => b.Name));
        Assert.Equal(["tenant-2-files"], (await Async.CollectAsync(r2.ListAsync(null, "eu", None))).Select(b => b.Name));
        Assert.Equal("WEUR", (await r2.GetAsync("tenant-1-files", null, None)).Location);
        Assert.Equal("eu", (await r2.GetAsync("tenant-2-files", "eu", None)).Jurisdiction);
        var hidden = await Assert.ThrowsAsync<CloudflareApiException>(() => r2.GetAsync("tenant-2-files", null, None));
        Assert.True(hidden.HasErrorCode(CloudflareErrorCodes.R2BucketNotFound));

        await r2.DeleteAsync("tenant-2-files", "eu", None);
        await r2.DeleteAsync("tenant-1-files", null, None);

        Assert.Empty((await emulator.AccountAsync()).R2Buckets);
    }

    [Fact]
    public async Task List_follows_the_cursor_and_filters_by_name()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var r2 = emulator.Client.R2Buckets;
        // The emulator's default page is 20 buckets (the client sends no per_page), so 25 take two pages.
        var names = Enumerable.Range(1, 25).Select(i => $"tenant-{i:00}-files").ToList();
        foreach (var chunk in names.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(name => r2.CreateAsync(name, null, None)));
        }

        await r2.CreateAsync("billing-exports", null, None);

        var listed = await Async.CollectAsync(r2.ListAsync(null, null, None));
        Assert.Equal(26, listed.Count);
        Assert.Equal(2, await emulator.CallsAsync("r2.list"));

        var filtered = await Async.CollectAsync(r2.ListAsync("tenant-", null, None));
        Assert.Equal(names, filtered.Select(b => b.Name));
    }

    [Fact]
    public async Task Create_or_adopt_creates_once_then_adopts_the_same_bucket_in_its_jurisdiction()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var r2 = emulator.Client.R2Buckets;
        var eu = new R2BucketCreateOptions { Jurisdiction = "eu" };

        var first = await r2.CreateOrAdoptAsync("tenant-9-files", null, None);
        var second = await r2.CreateOrAdoptAsync("tenant-9-files", null, None);
        var firstEu = await r2.CreateOrAdoptAsync("tenant-9-files", eu, None);
        var secondEu = await r2.CreateOrAdoptAsync("tenant-9-files", eu, None);

        Assert.Equal((false, true), (first.Adopted, second.Adopted));
        Assert.Equal(first.Resource.Name, second.Resource.Name);
        Assert.Equal(first.Resource.CreationDate, second.Resource.CreationDate);
        Assert.Equal((false, true), (firstEu.Adopted, secondEu.Adopted));
        Assert.Equal("eu", secondEu.Resource.Jurisdiction);
        Assert.Equal(
            [("tenant-9-files", "default"), ("tenant-9-files", "eu")],
            (await emulator.AccountAsync()).R2Buckets.Select(b => (b.Name, b.Jurisdiction)));
    }

    [Fact]
    public async Task Creating_an_existing_bucket_fails_with_409_and_10004()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.R2Buckets.CreateAsync("tenant-9-files", null, None);

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.R2Buckets.CreateAsync("tenant-9-files", null, None));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.R2BucketExists));
        Assert.False(string.IsNullOrEmpty(error.RayId));
        Assert.Single((await emulator.AccountAsync()).R2Buckets);
    }
}
