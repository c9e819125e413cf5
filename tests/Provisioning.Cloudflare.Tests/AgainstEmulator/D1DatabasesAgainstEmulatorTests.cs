using System.Net;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class D1DatabasesAgainstEmulatorTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Create_with_location_hint_and_with_jurisdiction_then_list_get_and_delete()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var d1 = emulator.Client.D1Databases;

        var hinted = await d1.CreateAsync("tenant-1-db", new D1DatabaseCreateOptions { PrimaryLocationHint = "weur" }, None);
        var eu = await d1.CreateAsync("tenant-2-db", new D1DatabaseCreateOptions { Jurisdiction = "eu" }, None);
        await d1.CreateAsync("billing", null, None);

        Assert.Equal("tenant-1-db", hinted.Name);
        Assert.True(Guid.TryParse(hinted.Uuid, out _));
        Assert.Null(hinted.Jurisdiction);
        Assert.Equal("eu", eu.Jurisdiction);
        var stored = (await emulator.AccountAsync()).D1Databases;
        Assert.Equal(
            [("billing", (string?)null, (string?)null), ("tenant-1-db", null, "weur"), ("tenant-2-db", "eu", null)],
            stored.Select(d => (d.Name, d.Jurisdiction, d.PrimaryLocationHint)));
        Assert.Equal(hinted.Uuid, stored.Single(d => d.Name == "tenant-1-db").Uuid);

        var filtered = await Async.CollectAsync(d1.ListAsync("tenant-", None));
        Assert.Equal(["tenant-1-db", "tenant-2-db"], filtered.Select(d => d.Name).Order());
        Assert.Equal(3, (await Async.CollectAsync(d1.ListAsync(null, None))).Count);

        var fetched = await d1.GetAsync(eu.Uuid, None);
        Assert.Equal(("tenant-2-db", "eu", "production"), (fetched.Name, fetched.Jurisdiction, fetched.Version));
        Assert.Equal(0, fetched.NumTables);

        await d1.DeleteAsync(hinted.Uuid, None);

        Assert.Equal(["billing", "tenant-2-db"], (await emulator.AccountAsync()).D1Databases.Select(d => d.Name));
        Assert.Null(await d1.FindByNameAsync("tenant-1-db", None));
    }

    [Fact]
    public async Task Create_or_adopt_creates_once_then_adopts_the_same_database()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        var d1 = emulator.Client.D1Databases;
        // A database whose name contains the wanted one: the name filter is a search, adoption must match exactly.
        await d1.CreateAsync("tenant-9-db-archive", null, None);

        var first = await d1.CreateOrAdoptAsync("tenant-9-db", null, None);
        var second = await d1.CreateOrAdoptAsync("tenant-9-db", null, None);

        Assert.False(first.Adopted);
        Assert.True(second.Adopted);
        Assert.Equal(first.Resource.Uuid, second.Resource.Uuid);
        Assert.Equal("tenant-9-db", second.Resource.Name);
        Assert.Single((await emulator.AccountAsync()).D1Databases, d => d.Name == "tenant-9-db");
    }

    [Fact]
    public async Task Creating_a_taken_name_fails_with_7502()
    {
        await using var emulator = await EmulatorHarness.StartAsync();
        await emulator.Client.D1Databases.CreateAsync("tenant-9-db", null, None);

        var error = await Assert.ThrowsAsync<CloudflareApiException>(() => emulator.Client.D1Databases.CreateAsync("tenant-9-db", null, None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.True(error.HasErrorCode(CloudflareErrorCodes.D1DatabaseNameExists));
        Assert.False(string.IsNullOrEmpty(error.RayId));
        Assert.Single((await emulator.AccountAsync()).D1Databases);
    }
}
