using System.Net;
using Provisioning.CloudflareEmulator;

namespace Provisioning.Cloudflare.Tests.AgainstEmulator;

public sealed class CrossAccountIsolationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_client_of_another_account_can_neither_see_nor_delete_the_resources()
    {
        await using var emulator = await EmulatorHarness.StartAsync(TwoAccounts);
        var a = emulator.Client;
        var b = await emulator.StartClientAsync(EmulatorHarness.SecondAccountId, EmulatorHarness.SecondToken);
        await a.DispatchNamespaces.CreateAsync("wfp-tenants", None);
        await a.Scripts.UploadAsync("wfp-tenants", "tenant-1", Modules.Minimal(), None);
        var kv = await a.KvNamespaces.CreateAsync("tenant-1-cache", None);
        var d1 = await a.D1Databases.CreateAsync("tenant-1-db", null, None);
        await a.R2Buckets.CreateAsync("tenant-1-files", null, None);
        var before = await emulator.AccountAsync();

        Assert.Empty(await b.DispatchNamespaces.ListAsync(None));
        Assert.Empty(await Async.CollectAsync(b.KvNamespaces.ListAsync(None)));
        Assert.Empty(await Async.CollectAsync(b.D1Databases.ListAsync(null, None)));
        Assert.Empty(await Async.CollectAsync(b.R2Buckets.ListAsync(null, null, None)));

        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.KvNamespaces.GetAsync(kv.Id, None)), CloudflareErrorCodes.KvNamespaceNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.KvNamespaces.DeleteAsync(kv.Id, None)), CloudflareErrorCodes.KvNamespaceNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.D1Databases.GetAsync(d1.Uuid, None)), CloudflareErrorCodes.D1DatabaseNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.D1Databases.DeleteAsync(d1.Uuid, None)), CloudflareErrorCodes.D1DatabaseNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.R2Buckets.DeleteAsync("tenant-1-files", null, None)), CloudflareErrorCodes.R2BucketNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.Scripts.DeleteAsync("wfp-tenants", "tenant-1", true, None)), CloudflareErrorCodes.DispatchNamespaceBindingTargetNotFound);
        AssertNotFound(await Assert.ThrowsAsync<CloudflareApiException>(() => b.DispatchNamespaces.DeleteAsync("wfp-tenants", None)), CloudflareErrorCodes.DispatchNamespaceBindingTargetNotFound);

        var after = await emulator.AccountAsync();
        Assert.Equal(before.KvNamespaces, after.KvNamespaces);
        Assert.Equal(before.D1Databases, after.D1Databases);
        Assert.Equal(before.R2Buckets, after.R2Buckets);
        Assert.Equal(before.DispatchNamespaces, after.DispatchNamespaces);
        Assert.Equal(before.Scripts.Select(s => s.DeploymentId), after.Scripts.Select(s => s.DeploymentId));
        var second = await emulator.AccountAsync(EmulatorHarness.SecondAccountId);
        Assert.Empty(second.KvNamespaces);
        Assert.Empty(second.Scripts);
    }

    [Fact]
    public async Task A_token_used_on_another_account_is_refused_with_403_10000()
    {
        await using var emulator = await EmulatorHarness.StartAsync(TwoAccounts);
        var kv = await emulator.Client.KvNamespaces.CreateAsync("tenant-1-cache", None);
        // Account A's id with account B's token: Cloudflare answers as for a token without rights on the account.
        var intruder = await emulator.StartClientAsync(EmulatorDefaults.AccountId, EmulatorHarness.SecondToken);

        var read = await Assert.ThrowsAsync<CloudflareApiException>(() => intruder.KvNamespaces.GetAsync(kv.Id, None));
        var delete = await Assert.ThrowsAsync<CloudflareApiException>(() => intruder.KvNamespaces.DeleteAsync(kv.Id, None));

        foreach (var error in new[] { read, delete })
        {
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
            Assert.True(error.HasErrorCode(CloudflareErrorCodes.AuthenticationError));
            Assert.False(error.IsTransient);
            Assert.False(string.IsNullOrEmpty(error.RayId));
        }

        Assert.Equal([kv.Id], (await emulator.AccountAsync()).KvNamespaces.Select(k => k.Id));
        Assert.Equal(1, await emulator.CallsAsync("kv.delete", 403));
    }

    private static void TwoAccounts(EmulatorOptions options) => options.Accounts =
    [
        new EmulatorAccount { AccountId = EmulatorDefaults.AccountId, Tokens = [EmulatorDefaults.ApiToken] },
        new EmulatorAccount { AccountId = EmulatorHarness.SecondAccountId, Tokens = [EmulatorHarness.SecondToken] },
    ];

    private static void AssertNotFound(CloudflareApiException error, int code)
    {
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.True(error.HasErrorCode(code), error.Message);
    }
}
